using System.Buffers.Binary;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>
/// A tiny synthetic CT series written with our own data set API: 16×16 slices, signed 16-bit, with known pixel
/// values (slice·1000 + row·16 + column − 500) so any byte that comes back can be checked.
/// </summary>
internal static class SyntheticCt
{
    public const int Size = 16;

    public static List<DicomDataset> Slices(string studyInstanceUid, string seriesInstanceUid, int count)
    {
        var slices = new List<DicomDataset>(count);
        for (int k = 0; k < count; k++)
        {
            var ds = new DicomDataset()
                .SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Generate())
                .SetString(DicomTags.StudyDate, DicomVR.DA, "20240102")
                .SetString(DicomTags.Modality, DicomVR.CS, "CT")
                .SetString(DicomTags.PatientName, DicomVR.PN, "Web^Synthetic")
                .SetString(DicomTags.PatientId, DicomVR.LO, "MOSMOS-WEB-TEST")
                .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, studyInstanceUid)
                .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, seriesInstanceUid)
                .SetString(DicomTags.StudyId, DicomVR.SH, "WEB1")
                .SetIntegerStrings(DicomTags.SeriesNumber, 1)
                .SetIntegerStrings(DicomTags.InstanceNumber, k + 1)
                .SetDecimals(DicomTags.ImagePositionPatient, -8, -8, k * 2.5)
                .SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
                .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, studyInstanceUid + ".1")
                .SetUInt16(DicomTags.SamplesPerPixel, 1)
                .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
                .SetUInt16(DicomTags.Rows, Size)
                .SetUInt16(DicomTags.Columns, Size)
                .SetDecimals(DicomTags.PixelSpacing, 1, 1)
                .SetUInt16(DicomTags.BitsAllocated, 16)
                .SetUInt16(DicomTags.BitsStored, 16)
                .SetUInt16(DicomTags.HighBit, 15)
                .SetUInt16(DicomTags.PixelRepresentation, 1)
                .SetDecimals(DicomTags.RescaleIntercept, 0)
                .SetDecimals(DicomTags.RescaleSlope, 1)
                .SetBytes(DicomTags.PixelData, DicomVR.OW, Pixels(k));
            slices.Add(ds);
        }
        return slices;
    }

    /// <summary>One multi-frame instance (Multi-frame Grayscale Word Secondary Capture) whose frame k holds <see cref="Pixels"/>(k).</summary>
    public static DicomDataset MultiFrame(string studyInstanceUid, string seriesInstanceUid, int frames)
    {
        var ds = Slices(studyInstanceUid, seriesInstanceUid, 1)[0];
        ds.SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7.3");
        ds.SetString(DicomTags.Modality, DicomVR.CS, "OT");
        ds.SetIntegerStrings(DicomTags.NumberOfFrames, frames);
        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, Enumerable.Range(0, frames).SelectMany(Pixels).ToArray());
        return ds;
    }

    public static byte[] Pixels(int slice)
    {
        var bytes = new byte[Size * Size * 2];
        for (int i = 0; i < Size * Size; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(slice * 1000 + i - 500));
        return bytes;
    }
}
