using System.Buffers.Binary;
using System.Globalization;
using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Phantom.Output;

/// <summary>
/// Writes the volume as a CT Image Storage series (PS3.3 A.3), one Explicit VR Little Endian file per slice:
/// 12 bits stored, unsigned, RescaleIntercept −1024. Instance 1 is the most cranial slice (the scan runs head to
/// feet); the geometry comes from <see cref="ImageGrid"/>.
/// </summary>
public static class CtSeriesWriter
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Writes <c>CT0001.dcm</c>… into <paramref name="folder"/>; returns the paths in instance order.</summary>
    public static IReadOnlyList<string> Write(PhantomStudy study, string folder)
    {
        ArgumentNullException.ThrowIfNull(study);
        Directory.CreateDirectory(folder);
        var g = study.Grid;
        var common = Series(study);
        var paths = new string[g.Slices];
        Parallel.For(0, g.Slices, k =>
        {
            var instance = InstanceNumber(g, k);
            var path = Path.Combine(folder, $"CT{instance.ToString("D4", CultureInfo.InvariantCulture)}.dcm");
            DicomWriter.Write(path, Slice(study, common.Clone(), k, instance));
            paths[instance - 1] = path;
        });
        return paths;
    }

    /// <summary>Instance number of slice k (slices ascend along the normal; instances run head to feet).</summary>
    public static int InstanceNumber(ImageGrid g, int k)
    {
        ArgumentNullException.ThrowIfNull(g);
        return g.Normal[2] > 0 ? g.Slices - k : k + 1;
    }

    private static DicomDataset Series(PhantomStudy s)
    {
        var scan = s.Scan;
        var id = s.Identity;
        var d = CommonModules.PatientAndStudy(s);
        CommonModules.Equipment(d, scan)
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetString(DicomTags.SopClassUid, DicomVR.UI, CtImageStorage)
            .SetString(DicomTags.SeriesDate, DicomVR.DA, id.StudyDate)
            .SetString(DicomTags.SeriesTime, DicomVR.TM, id.StudyTime)
            .SetString(DicomTags.AcquisitionDate, DicomVR.DA, id.StudyDate)
            .SetString(DicomTags.ContentDate, DicomVR.DA, id.StudyDate)
            .SetString(DicomTags.Modality, DicomVR.CS, "CT")
            .SetString(DicomTags.SeriesDescription, DicomVR.LO, SeriesDescription(scan))
            .SetString(DicomTags.BodyPartExamined, DicomVR.CS, "ABDOMEN")
            .SetDecimals(DicomTags.SliceThickness, scan.SliceThicknessMm)
            .SetDecimals(DicomTags.Kvp, scan.Kvp)
            .SetDecimals(DicomTags.DataCollectionDiameter, 500)
            .SetDecimals(DicomTags.ReconstructionDiameter, Math.Round(scan.PixelSpacingMm * scan.Matrix, 2))
            .SetDecimals(DicomTags.GantryDetectorTilt, 0)
            .SetDecimals(DicomTags.TableHeight, scan.TableHeightMm)
            .SetString(DicomTags.RotationDirection, DicomVR.CS, "CW")
            .SetIntegerStrings(DicomTags.ExposureTime, 500)
            .SetIntegerStrings(DicomTags.XRayTubeCurrent, scan.TubeCurrentMa)
            .SetString(DicomTags.ConvolutionKernel, DicomVR.SH, scan.Kernel)
            .SetString(DicomTags.PatientPosition, DicomVR.CS, scan.Position.ToString())
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, id.CtSeriesInstanceUid)
            .SetIntegerStrings(DicomTags.SeriesNumber, 2)
            .SetIntegerStrings(DicomTags.AcquisitionNumber, 1)
            .SetDecimals(DicomTags.ImageOrientationPatient, [.. s.Grid.RowDirection, .. s.Grid.ColumnDirection])
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, id.FrameOfReferenceUid)
            .SetEmpty(DicomTags.PositionReferenceIndicator, DicomVR.LO)
            .SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, (ushort)s.Grid.Rows)
            .SetUInt16(DicomTags.Columns, (ushort)s.Grid.Columns)
            .SetDecimals(DicomTags.PixelSpacing, scan.PixelSpacingMm, scan.PixelSpacingMm)
            .SetUInt16(DicomTags.BitsAllocated, 16)
            .SetUInt16(DicomTags.BitsStored, 12)
            .SetUInt16(DicomTags.HighBit, 11)
            .SetUInt16(DicomTags.PixelRepresentation, 0)
            .SetDecimals(DicomTags.WindowCenter, 40, 400)
            .SetDecimals(DicomTags.WindowWidth, 400, 1500)
            .SetString(DicomTags.WindowCenterWidthExplanation, DicomVR.LO, "ABDOMEN", "BONE")
            .SetDecimals(DicomTags.RescaleIntercept, -1024)
            .SetDecimals(DicomTags.RescaleSlope, 1)
            .SetString(DicomTags.RescaleType, DicomVR.LO, "HU")
            .SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        if (scan.Phase != ContrastPhase.NonContrast)
        {
            // Contrast/Bolus module (PS3.3 C.7.6.4): present only when contrast was given.
            d.SetString(DicomTags.ContrastBolusAgent, DicomVR.LO, "Iohexol 350 mgI/mL")
                .SetString(DicomTags.ContrastBolusRoute, DicomVR.LO, "IV")
                .SetDecimals(DicomTags.ContrastBolusVolume, 100);
        }
        return d;
    }

    private static DicomDataset Slice(PhantomStudy s, DicomDataset d, int k, int instance)
    {
        var g = s.Grid;
        var position = g.SlicePosition(k);
        // Acquisition runs head to feet at ~0.5 s per slice position (content time per instance).
        var time = TimeSpan.ParseExact(s.Identity.StudyTime, "hhmmss", CultureInfo.InvariantCulture).Add(TimeSpan.FromSeconds(60 + instance * 0.05));
        d.SetString(DicomTags.SopInstanceUid, DicomVR.UI, s.Identity.CtInstanceUid(instance))
            .SetString(DicomTags.AcquisitionTime, DicomVR.TM, time.ToString("hhmmss\\.ff", CultureInfo.InvariantCulture))
            .SetString(DicomTags.ContentTime, DicomVR.TM, time.ToString("hhmmss\\.ff", CultureInfo.InvariantCulture))
            .SetIntegerStrings(DicomTags.InstanceNumber, instance)
            .SetDecimals(DicomTags.ImagePositionPatient, position.Select(v => Math.Round(v, 4)).ToArray())
            .SetDecimals(DicomTags.SliceLocation, Math.Round(position[2], 4));
        var pixels = new byte[g.Rows * g.Columns * 2];
        var start = g.Index(0, 0, k);
        for (int v = 0; v < g.Rows * g.Columns; v++)
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(v * 2), (ushort)(s.Hu[start + v] + 1024));
        d.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return d;
    }

    private static string SeriesDescription(ScanParameters scan) =>
        string.Create(CultureInfo.InvariantCulture, $"Abdomen {scan.SliceThicknessMm:0.##}mm {scan.Kernel} {scan.Phase switch
        {
            ContrastPhase.NonContrast => "NC",
            ContrastPhase.Arterial => "ART",
            _ => "PV",
        }}");
}
