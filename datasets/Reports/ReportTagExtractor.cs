namespace Mosmos.Datasets.Reports;

/// <summary>
/// Radiology report text → organ tags keyed to the organ catalog (DESIGN §4), the <c>tags</c> of a dataset case
/// (datasets/README.md): what `train harvest` writes for archive studies and what MOSMOS pre-training learns from.
/// Rule-based and deterministic; README.md in this folder lists the rules and the measured precision and recall.
/// </summary>
public static class ReportTagExtractor
{
    /// <summary>Longer texts are refused: a report is a few kilobytes, and a 4 M-character one is not a report.</summary>
    public const int MaxReportLength = 4 << 20;

    /// <summary>
    /// The organs the report's findings and impression speak about. Absent (removed, "surgically absent") wins
    /// over abnormal (a finding that is not negated, hedged or not), which wins over present (mentioned,
    /// including negated findings: "no splenomegaly" keeps the spleen present). Organs the report does not
    /// mention, or only says may be absent ("not visualized", a nephrectomy without a side), are left out.
    /// History, indication, technique and comparison do not count.
    /// </summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxReportLength"/>.</exception>
    public static IReadOnlyDictionary<string, OrganTag> Extract(string reportText) => Merge(Statements(reportText));

    /// <summary>Every statement about an organ, sentence by sentence and in every section, with its uncertainty.</summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxReportLength"/>.</exception>
    public static IReadOnlyList<OrganStatement> Statements(string reportText)
    {
        ArgumentNullException.ThrowIfNull(reportText);
        if (reportText.Length > MaxReportLength)
            throw new ArgumentException($"report text of {reportText.Length} characters is longer than {MaxReportLength}", nameof(reportText));
        var statements = new List<OrganStatement>();
        foreach (var sentence in ReportStructure.Sentences(ReportLexer.Tokenize(reportText)))
        {
            // The label is quoted with the sentence it heads, not with the later sentences of its line that inherit it.
            var labelled = sentence.Label.Count > 0 && sentence.Tokens.Count > 0
                && !reportText.AsSpan(sentence.Label[^1].End, Math.Max(0, sentence.Tokens[0].Start - sentence.Label[^1].End)).ContainsAny(".!?");
            var all = labelled ? sentence.Label.Concat(sentence.Tokens).ToList() : sentence.Tokens;
            var text = all.Count == 0 ? "" : reportText[all.Min(t => t.Start)..all.Max(t => t.End)];
            foreach (var r in SentenceReader.Read(sentence.Tokens, sentence.Label))
                statements.Add(new OrganStatement(r.Organ, r.Tag, r.Uncertain, sentence.Section, text));
        }
        return statements;
    }

    /// <summary>The tag per organ from statements that count as findings; hedged absences are left out.</summary>
    public static IReadOnlyDictionary<string, OrganTag> Merge(IEnumerable<OrganStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        static int Rank(OrganTag t) => t switch { OrganTag.Absent => 2, OrganTag.Abnormal => 1, _ => 0 };
        var tags = new SortedDictionary<string, OrganTag>(StringComparer.Ordinal);
        foreach (var s in statements)
        {
            if (!s.CountsAsFinding || (s.Tag == OrganTag.Absent && s.Uncertain)) continue;
            if (!tags.TryGetValue(s.OrganId, out var old) || Rank(s.Tag) > Rank(old)) tags[s.OrganId] = s.Tag;
        }
        return tags;
    }

    /// <summary>The catalog ids the extractor can produce (all 16 organs of the catalog).</summary>
    public static IReadOnlyCollection<string> OrganIds { get; } = [.. OrganLexicon.OrganIds.Order(StringComparer.Ordinal)];
}
