using System.Text;
using Mosmos.Dicom;

namespace Mosmos.Trainer.Harvest;

/// <summary>
/// The narrative text of a Basic Text, Enhanced or Comprehensive SR (PS3.3 A.35.1–A.35.3): the content tree
/// (C.17.3) walked depth first; each CONTAINER with text below it becomes a heading (its concept name) followed
/// by its TEXT values and CODE items (<c>name: meaning</c>). MOSMOS's own TID 1500 measurement reports (and any
/// other Imaging Measurement Report) are not narrative reports.
/// </summary>
public static class SrReport
{
    public const string BasicTextSr = "1.2.840.10008.5.1.4.1.1.88.11";
    public const string EnhancedSr = "1.2.840.10008.5.1.4.1.1.88.22";
    public const string ComprehensiveSr = "1.2.840.10008.5.1.4.1.1.88.33";
    public const string Comprehensive3dSr = "1.2.840.10008.5.1.4.1.1.88.34";

    /// <summary>TID 1500's root concept (DCM 126000, "Imaging Measurement Report").</summary>
    private const string MeasurementReportCode = "126000";

    public static bool IsNarrativeClass(string? sopClassUid) =>
        sopClassUid is BasicTextSr or EnhancedSr or ComprehensiveSr or Comprehensive3dSr;

    /// <summary>True for a TID 1500 Imaging Measurement Report (what the inference worker writes).</summary>
    public static bool IsMeasurementReport(DicomDataset sr)
    {
        ArgumentNullException.ThrowIfNull(sr);
        var title = CodedConcept.FromDataset(sr.GetSequenceItem(DicomTags.ConceptNameCodeSequence));
        var template = sr.GetSequenceItem(DicomTags.ContentTemplateSequence)?.GetString(DicomTags.TemplateIdentifier);
        return title?.Value == MeasurementReportCode || template == "1500";
    }

    /// <summary>The report text; empty when the tree holds no text.</summary>
    public static string Text(DicomDataset sr)
    {
        ArgumentNullException.ThrowIfNull(sr);
        var sb = new StringBuilder();
        Walk(sr.GetSequence(DicomTags.ContentSequence), sb);
        return sb.ToString().Trim();
    }

    private static void Walk(IReadOnlyList<DicomDataset> items, StringBuilder sb)
    {
        foreach (var item in items)
        {
            var name = CodedConcept.FromDataset(item.GetSequenceItem(DicomTags.ConceptNameCodeSequence))?.Meaning;
            switch (item.GetString(DicomTags.ValueType))
            {
                case "CONTAINER":
                    var inner = new StringBuilder();
                    Walk(item.GetSequence(DicomTags.ContentSequence), inner);
                    if (inner.ToString().Trim() is { Length: > 0 } body)
                        sb.Append(name is null ? "" : name + ":\n").Append(body).Append("\n\n");
                    continue;
                case "TEXT" when item.GetString(DicomTags.TextValue)?.Trim() is { Length: > 0 } text:
                    sb.Append(text).Append('\n');
                    break;
                case "CODE" when CodedConcept.FromDataset(item.GetSequenceItem(DicomTags.ConceptCodeSequence)) is { } code:
                    sb.Append(name is null ? "" : name + ": ").Append(code.Meaning).Append('\n');
                    break;
            }
            // Items other than containers may carry children too (e.g. a finding with its modifiers).
            Walk(item.GetSequence(DicomTags.ContentSequence), sb);
        }
    }
}
