using System.Buffers.Binary;
using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>
/// A small synthetic CT series built in memory (CT Image Storage, 16-bit, HU = stored − 1024) with known
/// geometry: any orientation, slices listed along or against the normal. UIDs derive from <see cref="Seed"/>.
/// </summary>
internal sealed record SegTestSeries
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";

    public int Columns { get; init; } = 5;
    public int Rows { get; init; } = 5;
    public int Slices { get; init; } = 3;
    public string Seed { get; init; } = "seg-test";
    public double[] RowDirection { get; init; } = [1, 0, 0];
    public double[] ColumnDirection { get; init; } = [0, 1, 0];
    public double PixelSpacing { get; init; } = 0.8;
    public double SliceSpacing { get; init; } = 2.5;

    /// <summary>List slices against the normal (last position first).</summary>
    public bool Reversed { get; init; }

    public bool LossyCompressed { get; init; }

    public string StudyUid => DicomUid.Derive(Seed, "study");
    public string SeriesUid => DicomUid.Derive(Seed, "series");
    public string FrameOfReferenceUid => DicomUid.Derive(Seed, "frame-of-reference");

    public string IopText => string.Join('\\', RowDirection.Concat(ColumnDirection).Select(DicomValueFormat.FormatDecimalString));

    /// <summary>IPP of listed slice k: origin + position · spacing · normal.</summary>
    public string IppText(int k)
    {
        int position = Reversed ? Slices - 1 - k : k;
        double[] n =
        [
            RowDirection[1] * ColumnDirection[2] - RowDirection[2] * ColumnDirection[1],
            RowDirection[2] * ColumnDirection[0] - RowDirection[0] * ColumnDirection[2],
            RowDirection[0] * ColumnDirection[1] - RowDirection[1] * ColumnDirection[0],
        ];
        double[] origin = [-12.5, -30.25, 40];
        return string.Join('\\', Enumerable.Range(0, 3).Select(i => DicomValueFormat.FormatDecimalString(Math.Round(origin[i] + position * SliceSpacing * n[i], 4))));
    }

    /// <summary>The slices in listed order; <paramref name="hu"/> gives each slice's HU values (row-major).</summary>
    public IReadOnlyList<DicomDataset> Build(Func<int, short[]>? hu = null)
    {
        var slices = new DicomDataset[Slices];
        for (int k = 0; k < Slices; k++)
        {
            var ds = Common(CtImageStorage, DicomUid.Derive(Seed, $"sop-{k + 1}"))
                .SetIntegerStrings(DicomTags.InstanceNumber, k + 1)
                .SetString(DicomTags.ImagePositionPatient, DicomVR.DS, IppText(k).Split('\\'))
                .SetString(DicomTags.ImageOrientationPatient, DicomVR.DS, IopText.Split('\\'))
                .SetDecimals(DicomTags.PixelSpacing, PixelSpacing, PixelSpacing)
                .SetDecimals(DicomTags.SliceThickness, SliceSpacing);
            slices[k] = WithPixels(ds, hu?.Invoke(k) ?? new short[Rows * Columns]);
        }
        return slices;
    }

    /// <summary>Patient, study, series, equipment and image-pixel attributes shared by every slice.</summary>
    public DicomDataset Common(string sopClass, string sopInstance)
    {
        var ds = new DicomDataset()
            .SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetString(DicomTags.SopClassUid, DicomVR.UI, sopClass)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, sopInstance)
            .SetString(DicomTags.StudyDate, DicomVR.DA, "20240102").SetString(DicomTags.StudyTime, DicomVR.TM, "101500")
            .SetString(DicomTags.ContentDate, DicomVR.DA, "20240102").SetString(DicomTags.ContentTime, DicomVR.TM, "101500")
            .SetString(DicomTags.AccessionNumber, DicomVR.SH, "ACC-1")
            .SetString(DicomTags.Modality, DicomVR.CS, "CT")
            .SetString(DicomTags.Manufacturer, DicomVR.LO, "Synthetic")
            .SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "Referring^Doctor")
            .SetString(DicomTags.PatientName, DicomVR.PN, "Synthetic^Patient")
            .SetString(DicomTags.PatientId, DicomVR.LO, "SYN-1")
            .SetString(DicomTags.PatientBirthDate, DicomVR.DA, "19700101")
            .SetString(DicomTags.PatientSex, DicomVR.CS, "O")
            .SetString(DicomTags.BodyPartExamined, DicomVR.CS, "ABDOMEN")
            .SetDecimals(DicomTags.Kvp, 120)
            .SetString(DicomTags.PatientPosition, DicomVR.CS, "HFS")
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, StudyUid)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, SeriesUid)
            .SetString(DicomTags.StudyId, DicomVR.SH, "1")
            .SetIntegerStrings(DicomTags.SeriesNumber, 1)
            .SetIntegerStrings(DicomTags.AcquisitionNumber, 1)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, FrameOfReferenceUid)
            .SetEmpty(DicomTags.PositionReferenceIndicator, DicomVR.LO)
            .SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, (ushort)Rows).SetUInt16(DicomTags.Columns, (ushort)Columns)
            .SetUInt16(DicomTags.BitsAllocated, 16).SetUInt16(DicomTags.BitsStored, 12).SetUInt16(DicomTags.HighBit, 11)
            .SetUInt16(DicomTags.PixelRepresentation, 0)
            .SetDecimals(DicomTags.RescaleIntercept, -1024).SetDecimals(DicomTags.RescaleSlope, 1)
            .SetString(DicomTags.RescaleType, DicomVR.LO, "HU");
        if (LossyCompressed)
        {
            ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "01")
                .SetString(DicomTags.LossyImageCompressionRatio, DicomVR.DS, "10")
                .SetString(DicomTags.LossyImageCompressionMethod, DicomVR.CS, "ISO_15444_1");
        }
        return ds;
    }

    public SourceSeries Source(Func<int, short[]>? hu = null) => SourceSeriesBuilder.FromSlices(Build(hu));

    /// <summary>Writes the slices to <paramref name="folder"/> as CT0001.dcm …; returns the paths.</summary>
    public IReadOnlyList<string> WriteTo(string folder, Func<int, short[]>? hu = null) =>
        Build(hu).Select((ds, k) =>
        {
            var path = Path.Combine(folder, $"CT{k + 1:D4}.dcm");
            DicomWriter.Write(path, ds);
            return path;
        }).ToArray();

    private static DicomDataset WithPixels(DicomDataset ds, short[] hu)
    {
        var bytes = new byte[hu.Length * 2];
        for (int i = 0; i < hu.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)(hu[i] + 1024));
        return ds.SetBytes(DicomTags.PixelData, DicomVR.OW, bytes);
    }
}
