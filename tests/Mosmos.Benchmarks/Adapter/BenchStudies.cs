using System.Globalization;
using Mosmos.Dicom;

namespace Mosmos.Benchmarks.Adapter;

/// <summary>
/// Small CT studies for the dispatch benchmark: one axial series of a few 16 × 16 slices each, generated in memory with
/// Mosmos.Dicom (the adapter's cost is per study and series, not per pixel).
/// </summary>
internal static class BenchStudies
{
    public const int SlicesPerStudy = 3;

    public static IEnumerable<DicomDataset> Study(string studyUid, int index)
    {
        string series = DicomUid.Generate();
        string date = DateTime.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        for (int k = 1; k <= SlicesPerStudy; k++)
        {
            yield return new DicomDataset()
                .SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Generate())
                .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                .SetString(DicomTags.StudyDate, DicomVR.DA, date)
                .SetString(DicomTags.Modality, DicomVR.CS, "CT")
                .SetString(DicomTags.Manufacturer, DicomVR.LO, "BENCH")
                .SetString(DicomTags.StudyDescription, DicomVR.LO, "CT abdomen")
                .SetString(DicomTags.SeriesDescription, DicomVR.LO, "Abdomen 2.5 mm")
                .SetString(DicomTags.BodyPartExamined, DicomVR.CS, "ABDOMEN")
                .SetString(DicomTags.PatientName, DicomVR.PN, "Bench^Adapter")
                .SetString(DicomTags.PatientId, DicomVR.LO, "BENCH-" + index.ToString(CultureInfo.InvariantCulture))
                .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, studyUid)
                .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
                .SetIntegerStrings(DicomTags.SeriesNumber, 1)
                .SetIntegerStrings(DicomTags.InstanceNumber, k)
                .SetDecimals(DicomTags.SliceThickness, 2.5)
                .SetDecimals(DicomTags.ImagePositionPatient, -8, -8, k * 2.5)
                .SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
                .SetUInt16(DicomTags.SamplesPerPixel, 1)
                .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
                .SetUInt16(DicomTags.Rows, 16)
                .SetUInt16(DicomTags.Columns, 16)
                .SetDecimals(DicomTags.PixelSpacing, 1, 1)
                .SetUInt16(DicomTags.BitsAllocated, 16)
                .SetUInt16(DicomTags.BitsStored, 16)
                .SetUInt16(DicomTags.HighBit, 15)
                .SetUInt16(DicomTags.PixelRepresentation, 1)
                .SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[16 * 16 * 2]);
        }
    }
}
