namespace Mosmos.Datasets.Reports;

/// <summary>The part of a report a sentence stands in. Only findings, impression and unlabelled text count as findings.</summary>
public enum ReportSection
{
    /// <summary>Before any heading (a report written as plain prose).</summary>
    Unlabelled,
    History,
    Technique,
    Comparison,
    Findings,
    Impression,
}

/// <summary>
/// What one sentence says about one catalog organ: present (mentioned, negated findings included), abnormal (a
/// finding that is not negated), or absent (removed, "surgically absent"). <see cref="Uncertain"/> marks a hedged
/// statement ("possible", "cannot exclude", "not visualized", a side that cannot be told).
/// </summary>
/// <param name="Sentence">The sentence as written (for logs and tests).</param>
public sealed record OrganStatement(string OrganId, OrganTag Tag, bool Uncertain, ReportSection Section, string Sentence)
{
    /// <summary>True for the sections whose statements are findings about this study.</summary>
    public bool CountsAsFinding => Section is ReportSection.Unlabelled or ReportSection.Findings or ReportSection.Impression;
}
