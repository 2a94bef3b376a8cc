using System.Globalization;

namespace Mosmos.Dicom.Seg;

public static partial class SegWriter
{
    /// <summary>Patient and General Study attributes (Type 2 unless noted) copied verbatim from the source, so
    /// <c>dcentvfy</c> finds CT, SEG and SR consistent (dicom-seg-sr.md §1.2).</summary>
    internal static readonly DicomTag[] PatientStudyType2 =
    [
        DicomTags.PatientName, DicomTags.PatientId, DicomTags.PatientBirthDate, DicomTags.PatientSex,
        DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.ReferringPhysicianName, DicomTags.StudyId,
        DicomTags.AccessionNumber,
    ];

    internal static readonly DicomTag[] PatientStudyOptional =
    [
        DicomTags.SpecificCharacterSet, DicomTags.IssuerOfPatientId, DicomTags.StudyDescription,
        DicomTags.PatientAge, DicomTags.PatientSize, DicomTags.PatientWeight,
    ];

    /// <summary>Copies the patient/study attributes; absent Type 2 ones are written empty.</summary>
    internal static void CopyPatientStudy(DicomDataset ds, DicomDataset source)
    {
        ds.CopyFrom(source, PatientStudyOptional);
        ds.CopyFrom(source, PatientStudyType2);
        foreach (var tag in PatientStudyType2)
        {
            if (!ds.Contains(tag)) ds.SetEmpty(tag, DicomDictionary.Find(tag)?.VR ?? DicomVR.LO);
        }
        ds.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, source.GetString(DicomTags.StudyInstanceUid) ?? string.Empty);
    }

    internal static (string Date, string Time) FormatDateTime(DateTime? at)
    {
        var t = at ?? DateTime.Now;
        return (t.ToString("yyyyMMdd", CultureInfo.InvariantCulture), t.ToString("HHmmss", CultureInfo.InvariantCulture));
    }

    /// <summary>SOP Common, General Series, Segmentation Series, Frame of Reference, General and Enhanced General
    /// Equipment, General Image and Segmentation Image (PS3.3 Table A.51-1).</summary>
    private static void AddHeader(DicomDataset ds, SourceSeries source, SegWriterOptions options, string sopClass, string sopInstance, string series)
    {
        CopyPatientStudy(ds, source.Header);
        ds.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, source.StudyInstanceUid);
        var (date, time) = FormatDateTime(options.CreatedAt);
        ds.SetString(DicomTags.SopClassUid, DicomVR.UI, sopClass)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, sopInstance)
            .SetString(DicomTags.InstanceCreationDate, DicomVR.DA, date)
            .SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time)
            .SetString(DicomTags.ImageType, DicomVR.CS, "DERIVED", "PRIMARY")
            .SetString(DicomTags.SeriesDate, DicomVR.DA, date)
            .SetString(DicomTags.SeriesTime, DicomVR.TM, time)
            .SetString(DicomTags.ContentDate, DicomVR.DA, date)
            .SetString(DicomTags.ContentTime, DicomVR.TM, time)
            .SetString(DicomTags.Modality, DicomVR.CS, "SEG")
            .SetString(DicomTags.SeriesDescription, DicomVR.LO, options.SeriesDescription)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
            .SetIntegerStrings(DicomTags.SeriesNumber, options.SeriesNumber)
            .SetIntegerStrings(DicomTags.InstanceNumber, options.InstanceNumber)
            .SetString(DicomTags.Manufacturer, DicomVR.LO, options.Manufacturer)
            .SetString(DicomTags.ManufacturerModelName, DicomVR.LO, options.ManufacturerModelName)
            .SetString(DicomTags.DeviceSerialNumber, DicomVR.LO, options.DeviceSerialNumber)
            .SetString(DicomTags.SoftwareVersions, DicomVR.LO, options.SoftwareVersions)
            .SetString(DicomTags.FrameOfReferenceUid, DicomVR.UI, source.FrameOfReferenceUid)
            .SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, source.Header.GetString(DicomTags.PositionReferenceIndicator) ?? string.Empty)
            .SetString(DicomTags.ContentLabel, DicomVR.CS, options.ContentLabel)
            .SetString(DicomTags.ContentDescription, DicomVR.LO, options.ContentDescription)
            .SetEmpty(DicomTags.ContentCreatorName, DicomVR.PN)
            .SetString(DicomTags.SegmentationType, DicomVR.CS, options.Type switch
            {
                SegmentationType.LabelMap => "LABELMAP",
                SegmentationType.Fractional => "FRACTIONAL",
                _ => "BINARY",
            })
            .SetString(DicomTags.SegmentsOverlap, DicomVR.CS, "NO");
        // C.8.20.2.2: 01 when any source image was lossy compressed, with its ratio and method.
        ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, source.Lossy is null ? "00" : "01");
        if (source.Lossy?.Ratio is { } ratio) ds.SetString(DicomTags.LossyImageCompressionRatio, DicomVR.DS, ratio.Split('\\'));
        if (source.Lossy?.Method is { } method) ds.SetString(DicomTags.LossyImageCompressionMethod, DicomVR.CS, method.Split('\\'));
    }

    /// <summary>Image Pixel as the Segmentation Image module constrains it (PS3.3 C.8.20.2): 1-bit BINARY, 8-bit
    /// FRACTIONAL, 8-bit LABELMAP with 0 as the background (Pixel Padding Value, Sup 243).</summary>
    private static void AddImagePixel(DicomDataset ds, SourceSeries source, SegmentationType type, int frames)
    {
        ushort bits = type == SegmentationType.Binary ? (ushort)1 : (ushort)8;
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1)
            .SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .SetUInt16(DicomTags.Rows, checked((ushort)source.Rows))
            .SetUInt16(DicomTags.Columns, checked((ushort)source.Columns))
            .SetUInt16(DicomTags.BitsAllocated, bits)
            .SetUInt16(DicomTags.BitsStored, bits)
            .SetUInt16(DicomTags.HighBit, (ushort)(bits - 1))
            .SetUInt16(DicomTags.PixelRepresentation, 0)
            .SetIntegerStrings(DicomTags.NumberOfFrames, frames);
        if (type == SegmentationType.LabelMap) ds.SetUInt16(DicomTags.PixelPaddingValue, 0);
    }
}
