using Mosmos.Dicom;

namespace Mosmos.Phantom.Output;

/// <summary>
/// The report as a Basic Text SR (PS3.3 A.35.1) following TID 2000 Basic Diagnostic Imaging Report: a root
/// CONTAINER (18748-4, LN, "Diagnostic imaging report") with History, Current Procedure Descriptions, Findings
/// and Impressions sections, each holding one TEXT item. Same patient and study as the CT series, which it lists
/// as evidence.
/// </summary>
public static class ReportSrWriter
{
    public const string BasicTextSrStorage = "1.2.840.10008.5.1.4.1.1.88.11";

    private static readonly CodedConcept ReportTitle = new("18748-4", "LN", "Diagnostic imaging report");

    public static void Write(PhantomStudy study, IReadOnlyList<string> ctInstanceUids, string path)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(ctInstanceUids);
        var id = study.Identity;
        var report = study.Report;
        var d = CommonModules.PatientAndStudy(study);
        CommonModules.Equipment(d, study.Scan)
            .SetString(DicomTags.SopClassUid, DicomVR.UI, BasicTextSrStorage)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, id.SrInstanceUid)
            .SetString(DicomTags.Modality, DicomVR.CS, "SR")
            .SetString(DicomTags.SeriesDescription, DicomVR.LO, "Radiology report")
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, id.SrSeriesInstanceUid)
            .SetIntegerStrings(DicomTags.SeriesNumber, 900)
            .SetEmpty(DicomTags.ReferencedPerformedProcedureStepSequence, DicomVR.SQ)
            .SetIntegerStrings(DicomTags.InstanceNumber, 1)
            .SetString(DicomTags.ContentDate, DicomVR.DA, id.StudyDate)
            .SetString(DicomTags.ContentTime, DicomVR.TM, id.StudyTime)
            .SetString(DicomTags.CompletionFlag, DicomVR.CS, "COMPLETE")
            .SetString(DicomTags.VerificationFlag, DicomVR.CS, "UNVERIFIED")
            .SetEmpty(DicomTags.PerformedProcedureCodeSequence, DicomVR.SQ)
            .SetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, Evidence(study, ctInstanceUids))
            .SetString(DicomTags.ValueType, DicomVR.CS, "CONTAINER")
            .SetSequence(DicomTags.ConceptNameCodeSequence, ReportTitle.ToDataset())
            .SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE")
            .SetSequence(DicomTags.ContentTemplateSequence, new DicomDataset()
                .SetString(DicomTags.MappingResource, DicomVR.CS, "DCMR")
                .SetString(DicomTags.TemplateIdentifier, DicomVR.CS, "2000"))
            .SetSequence(DicomTags.ContentSequence,
                Section("121060", "History", "121060", "History", report.ClinicalHistory),
                Section("121064", "Current Procedure Descriptions", "121065", "Procedure Description",
                    $"{report.Technique} Comparison: {report.Comparison}"),
                Section("121070", "Findings", "121071", "Finding", report.Findings),
                Section("121072", "Impressions", "121073", "Impression", report.Impression));
        DicomWriter.Write(path, d);
    }

    private static DicomDataset Evidence(PhantomStudy study, IReadOnlyList<string> ctInstanceUids) =>
        new DicomDataset()
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, study.Identity.StudyInstanceUid)
            .SetSequence(DicomTags.ReferencedSeriesSequence, new DicomDataset()
                .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, study.Identity.CtSeriesInstanceUid)
                .SetSequence(DicomTags.ReferencedSopSequence, ctInstanceUids.Select(uid => new DicomDataset()
                    .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, CtSeriesWriter.CtImageStorage)
                    .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, uid))));

    private static DicomDataset Section(string code, string meaning, string textCode, string textMeaning, string text) =>
        new DicomDataset()
            .SetString(DicomTags.RelationshipType, DicomVR.CS, "CONTAINS")
            .SetString(DicomTags.ValueType, DicomVR.CS, "CONTAINER")
            .SetSequence(DicomTags.ConceptNameCodeSequence, new CodedConcept(code, "DCM", meaning).ToDataset())
            .SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE")
            .SetSequence(DicomTags.ContentSequence, new DicomDataset()
                .SetString(DicomTags.RelationshipType, DicomVR.CS, "CONTAINS")
                .SetString(DicomTags.ValueType, DicomVR.CS, "TEXT")
                .SetSequence(DicomTags.ConceptNameCodeSequence, new CodedConcept(textCode, "DCM", textMeaning).ToDataset())
                .SetString(DicomTags.TextValue, DicomVR.UT, text));
}
