using System.Runtime.InteropServices;
using Mosmos.Dicom;

namespace Mosmos.InferenceWorker.Tests.Pipeline;

/// <summary>
/// Small synthetic series for the pipeline and job tests: 32×32 axial slices, 1 mm pixels, air (−1000 HU) with a
/// bright sphere (+200 HU, radius <see cref="RadiusMm"/>) in the middle, which the threshold model labels. Each
/// property crafts one way a series can be wrong.
/// </summary>
internal sealed record SyntheticCt
{
    public const double RadiusMm = 8;
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    public int Slices { get; init; } = 16;
    public int Size { get; init; } = 32;
    public double SliceSpacingMm { get; init; } = 2;
    public string Modality { get; init; } = "CT";
    public string SopClassUid { get; init; } = CtImageStorage;
    /// <summary>Shift along the column direction per slice (mm): a gantry tilt when not 0.</summary>
    public double TiltShiftMm { get; init; }
    /// <summary>A slice index whose gap to the previous one is doubled (irregular spacing), or −1.</summary>
    public int GapAfter { get; init; } = -1;
    public bool WithPixelData { get; init; } = true;
    public string StudyInstanceUid { get; init; } = DicomUid.Generate();
    public string SeriesInstanceUid { get; init; } = DicomUid.Generate();

    /// <summary>Expected sphere volume in ml (4/3 π r³).</summary>
    public static double SphereMl => 4.0 / 3 * Math.PI * RadiusMm * RadiusMm * RadiusMm / 1000;

    public IReadOnlyList<DicomDataset> Build()
    {
        var frameOfReference = DicomUid.Generate();
        var instances = new List<DicomDataset>(Slices);
        double z = 0;
        for (int k = 0; k < Slices; k++)
        {
            if (k > 0) z += k == GapAfter ? 2 * SliceSpacingMm : SliceSpacingMm;
            instances.Add(Slice(k, z, frameOfReference));
        }
        return instances;
    }

    private DicomDataset Slice(int k, double z, string frameOfReference)
    {
        var ds = new DicomDataset()
            .SetString(DicomTags.SopClassUid, DicomVR.UI, SopClassUid)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Generate())
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, StudyInstanceUid)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, SeriesInstanceUid)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, frameOfReference)
            .SetString(DicomTags.Modality, DicomVR.CS, Modality)
            .SetString(DicomTags.PatientName, DicomVR.PN, "Synthetic^Sphere")
            .SetString(DicomTags.PatientId, DicomVR.LO, "MOSMOS-SYN-1")
            .SetString(DicomTags.StudyDate, DicomVR.DA, "20260101")
            .SetString(DicomTags.StudyId, DicomVR.SH, "1")
            .SetString(DicomTags.AccessionNumber, DicomVR.SH, "A1")
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .SetIntegerStrings(DicomTags.SeriesNumber, 1)
            .SetIntegerStrings(DicomTags.InstanceNumber, k + 1)
            .SetDecimals(DicomTags.ImagePositionPatient, 0, k * TiltShiftMm, z)
            .SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
            .SetDecimals(DicomTags.PixelSpacing, 1, 1)
            .SetDecimals(DicomTags.SliceThickness, SliceSpacingMm)
            .SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, (ushort)Size)
            .SetUInt16(DicomTags.Columns, (ushort)Size)
            .SetUInt16(DicomTags.BitsAllocated, 16)
            .SetUInt16(DicomTags.BitsStored, 16)
            .SetUInt16(DicomTags.HighBit, 15)
            .SetUInt16(DicomTags.PixelRepresentation, 1)
            .SetDecimals(DicomTags.RescaleIntercept, 0)
            .SetDecimals(DicomTags.RescaleSlope, 1);
        if (WithPixelData)
            ds.SetBytes(DicomTags.PixelData, DicomVR.OW, Pixels(z));
        return ds;
    }

    /// <summary>Sphere centred in-plane and at the middle of the nominal stack.</summary>
    private byte[] Pixels(double z)
    {
        var hu = new short[Size * Size];
        double c = (Size - 1) / 2.0, cz = (Slices - 1) * SliceSpacingMm / 2;
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                double d2 = (x - c) * (x - c) + (y - c) * (y - c) + (z - cz) * (z - cz);
                hu[y * Size + x] = d2 <= RadiusMm * RadiusMm ? (short)200 : (short)-1000;
            }
        }
        return MemoryMarshal.AsBytes(hu.AsSpan()).ToArray();
    }
}
