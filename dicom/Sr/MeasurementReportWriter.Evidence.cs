namespace Mosmos.Dicom.Sr;

public static partial class MeasurementReportWriter
{
    /// <summary>
    /// Current Requested Procedure Evidence (PS3.3 C.17.2.2, Hierarchical SOP Instance Reference macro): every
    /// instance the content references, grouped study → series → instance; the SEG and its source share a study.
    /// </summary>
    private static void AddEvidence(DicomDataset ds, MeasurementReportInput input)
    {
        var source = input.Source;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sourceRefs = new List<DicomDataset>();
        foreach (var frame in source.Frames)
        {
            if (seen.Add(frame.SopInstanceUid)) sourceRefs.Add(SopReference(frame.SopClassUid, frame.SopInstanceUid));
        }
        var series = new List<DicomDataset> { SeriesReference(source.SeriesInstanceUid, sourceRefs) };
        if (input.Segmentation is { } seg)
            series.Add(SeriesReference(seg.SeriesInstanceUid, [SopReference(seg.SopClassUid, seg.SopInstanceUid)]));
        ds.SetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, new DicomDataset()
            .SetString(DicomTags.StudyInstanceUid, DicomVR.UI, source.StudyInstanceUid)
            .SetSequence(DicomTags.ReferencedSeriesSequence, series));
    }

    private static DicomDataset SeriesReference(string seriesUid, IEnumerable<DicomDataset> instances) =>
        new DicomDataset()
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, seriesUid)
            .SetSequence(DicomTags.ReferencedSopSequence, instances);

    private static DicomDataset SopReference(string sopClass, string sopInstance) =>
        new DicomDataset()
            .SetString(DicomTags.ReferencedSopClassUid, DicomVR.UI, sopClass)
            .SetString(DicomTags.ReferencedSopInstanceUid, DicomVR.UI, sopInstance);
}
