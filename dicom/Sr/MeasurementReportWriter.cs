using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Sr;

/// <summary>
/// Writes a TID 1500 Imaging Measurement Report as Enhanced SR (PS3.3 A.35.2; PS3.16 TID 1500, 1411): the header
/// here, the content tree in <c>MeasurementReportWriter.Content.cs</c>, the evidence in
/// <c>MeasurementReportWriter.Evidence.cs</c>. Layout and codes: dicom-seg-sr.md §3.
/// </summary>
public static partial class MeasurementReportWriter
{
    public const string EnhancedSrSopClass = "1.2.840.10008.5.1.4.1.1.88.22";

    public static MeasurementReportResult Write(MeasurementReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(input.UidKey);
        var source = input.Source;
        string sopInstance = DicomUid.Derive(input.UidKey, "sr-instance");
        string series = DicomUid.Derive(input.UidKey, "sr-series");
        var (date, time) = SegWriter.FormatDateTime(input.CreatedAt);

        var ds = new DicomDataset();
        SegWriter.CopyPatientStudy(ds, source.Header);
        ds.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, source.StudyInstanceUid)
            .SetString(DicomTags.SopClassUid, DicomVR.UI, EnhancedSrSopClass)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, sopInstance)
            .SetString(DicomTags.InstanceCreationDate, DicomVR.DA, date)
            .SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time)
            .SetString(DicomTags.SeriesDate, DicomVR.DA, date)
            .SetString(DicomTags.SeriesTime, DicomVR.TM, time)
            .SetString(DicomTags.ContentDate, DicomVR.DA, date)
            .SetString(DicomTags.ContentTime, DicomVR.TM, time)
            .SetString(DicomTags.Modality, DicomVR.CS, "SR")
            .SetString(DicomTags.Manufacturer, DicomVR.LO, input.Manufacturer)
            .SetString(DicomTags.ManufacturerModelName, DicomVR.LO, input.ManufacturerModelName)
            .SetString(DicomTags.SeriesDescription, DicomVR.LO, input.SeriesDescription)
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series)
            .SetIntegerStrings(DicomTags.SeriesNumber, input.SeriesNumber)
            .SetIntegerStrings(DicomTags.InstanceNumber, input.InstanceNumber)
            .SetEmpty(DicomTags.ReferencedPerformedProcedureStepSequence, DicomVR.SQ)
            .SetEmpty(DicomTags.PerformedProcedureCodeSequence, DicomVR.SQ)
            .SetString(DicomTags.CompletionFlag, DicomVR.CS, "COMPLETE")
            .SetString(DicomTags.VerificationFlag, DicomVR.CS, "UNVERIFIED");
        AddEvidence(ds, input);
        AddContent(ds, input);
        return new MeasurementReportResult(ds, sopInstance, series);
    }
}
