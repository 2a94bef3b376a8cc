using Mosmos.Dicom;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>Small studies with the series an adapter must tell apart: axial CT, localizer, reformat, our own SEG.</summary>
internal static class TestStudies
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>Today's local date as StudyDate: inside the window a QIDO-RS poller watches.</summary>
    public static string Today => DateTime.Now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<DicomDataset> Series(string study, string series, int count, string[] imageType, string modality = "CT",
        string sopClass = CtImageStorage, string manufacturer = "ACME", string description = "Abdomen 2.5 mm", int firstInstance = 1,
        double[]? orientation = null, string studyDate = "20261124", string studyDescription = "CT abdomen")
    {
        for (int k = firstInstance; k < firstInstance + count; k++)
        {
            yield return new DicomDataset()
                .SetString(DicomTags.SopClassUid, DicomVR.UI, sopClass)
                .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Generate())
                .SetString(DicomTags.ImageType, DicomVR.CS, imageType)
                .SetString(DicomTags.StudyDate, DicomVR.DA, studyDate)
                .SetString(DicomTags.Modality, DicomVR.CS, modality)
                .SetString(DicomTags.Manufacturer, DicomVR.LO, manufacturer)
                .SetString(DicomTags.StudyDescription, DicomVR.LO, studyDescription)
                .SetString(DicomTags.SeriesDescription, DicomVR.LO, description)
                .SetString(DicomTags.BodyPartExamined, DicomVR.CS, "ABDOMEN")
                .SetString(DicomTags.PatientName, DicomVR.PN, "Adapter^Test")
                .SetString(DicomTags.PatientId, DicomVR.LO, "MOSMOS-ADAPTER-TEST")
                .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, study)
                .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
                .SetIntegerStrings(DicomTags.SeriesNumber, 1)
                .SetIntegerStrings(DicomTags.InstanceNumber, k)
                .SetDecimals(DicomTags.SliceThickness, 2.5)
                .SetDecimals(DicomTags.ImagePositionPatient, -4, -4, k * 2.5)
                .SetDecimals(DicomTags.ImageOrientationPatient, orientation ?? [1, 0, 0, 0, 1, 0])
                .SetUInt16(DicomTags.SamplesPerPixel, 1)
                .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
                .SetUInt16(DicomTags.Rows, 8)
                .SetUInt16(DicomTags.Columns, 8)
                .SetDecimals(DicomTags.PixelSpacing, 1, 1)
                .SetUInt16(DicomTags.BitsAllocated, 16)
                .SetUInt16(DicomTags.BitsStored, 16)
                .SetUInt16(DicomTags.HighBit, 15)
                .SetUInt16(DicomTags.PixelRepresentation, 1)
                .SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[8 * 8 * 2]);
        }
    }
}
