namespace Mosmos.Datasets.Reports;

/// <summary>One sentence to read: its tokens, the section it is in, and the label it stands under ("KIDNEYS:").</summary>
internal sealed record SentenceTokens(ReportSection Section, List<Token> Tokens, List<Token> Label);

/// <summary>
/// Splits a tokenised report into sections and sentences. A line that starts with a known heading ("FINDINGS:",
/// "Clinical history:", "IMPRESSION") switches the section. Any other short "Words:" at the start of a line is a
/// label whose organs the line's sentences inherit when they name none ("KIDNEYS: No hydronephrosis."); at the
/// start of a sentence inside a line it applies to that sentence only ("Liver: unremarkable.").
/// </summary>
internal static class ReportStructure
{
    private const int MaxLabelWords = 5;

    private static readonly PhraseTable<ReportSection> Headings = BuildHeadings();

    public static IEnumerable<SentenceTokens> Sentences(List<Token> tokens)
    {
        var section = ReportSection.Unlabelled;
        var start = 0;
        while (start < tokens.Count)
        {
            var end = start;
            while (end < tokens.Count && tokens[end].Kind != TokenKind.LineBreak) end++;
            var line = tokens.GetRange(start, end - start);
            start = end + 1;
            if (line.Count == 0) continue;
            var (heading, rest) = Heading(line);
            if (heading is { } h)
            {
                section = h;
                line = rest;
            }
            var lineLabel = Label(line, out var afterLabel);
            if (lineLabel.Count > 0) line = afterLabel;
            var sentenceStart = 0;
            for (var i = 0; i <= line.Count; i++)
            {
                if (i < line.Count && line[i].Kind != TokenKind.SentenceEnd) continue;
                var sentence = line.GetRange(sentenceStart, i - sentenceStart);
                sentenceStart = i + 1;
                if (!sentence.Any(t => t.IsWord)) continue;
                var (inner, innerRest) = Heading(sentence);
                if (inner is { } s)
                {
                    section = s;
                    sentence = innerRest;
                    if (!sentence.Any(t => t.IsWord)) continue;
                }
                var own = Label(sentence, out var afterOwn);
                yield return own.Count > 0 ? new SentenceTokens(section, afterOwn, own) : new SentenceTokens(section, sentence, lineLabel);
            }
        }
    }

    /// <summary>A known section heading at the start: the section and the tokens after it (and its colon).</summary>
    private static (ReportSection? Section, List<Token> After) Heading(List<Token> line)
    {
        var (section, length) = Headings.Match(line, 0);
        if (length == 0) return (null, line);
        if (length < line.Count && line[length].Kind == TokenKind.Colon) return (section, line.GetRange(length + 1, line.Count - length - 1));
        // Without a colon only a heading alone on its line counts ("FINDINGS"), not "Findings are…".
        return line.Skip(length).All(t => !t.IsWord) ? (section, []) : (null, line);
    }

    /// <summary>"Words:" at the start (up to five words, no punctuation before the colon): the label words.</summary>
    private static List<Token> Label(List<Token> tokens, out List<Token> rest)
    {
        rest = tokens;
        var n = Math.Min(tokens.Count, MaxLabelWords + 1);
        for (var i = 0; i < n; i++)
        {
            if (tokens[i].Kind == TokenKind.Colon && i > 0)
            {
                rest = tokens.GetRange(i + 1, tokens.Count - i - 1);
                return tokens.GetRange(0, i);
            }
            if (!tokens[i].IsWord) break;
        }
        return [];
    }

    private static PhraseTable<ReportSection> BuildHeadings()
    {
        var t = new PhraseTable<ReportSection>();
        void Add(ReportSection s, params string[] phrases)
        {
            foreach (var p in phrases) t.Add(p, s);
        }
        Add(ReportSection.History, "history", "clinical history", "clinical information", "clinical indication", "clinical indications",
            "indication", "indications", "reason for exam", "reason for examination", "reason for study", "reason for referral", "reason",
            "clinical details", "clinical data", "clinical notes", "history and indication", "referral", "clinical question",
            "clinical background", "brief history", "relevant history");
        Add(ReportSection.Technique, "technique", "procedure", "protocol", "examination", "exam", "contrast", "dose", "radiation dose",
            "ct technique", "scan technique", "methods");
        Add(ReportSection.Comparison, "comparison", "comparisons", "prior studies", "prior imaging", "priors", "comparison studies");
        Add(ReportSection.Findings, "findings", "finding", "observations", "description", "report", "ct abdomen and pelvis findings");
        Add(ReportSection.Impression, "impression", "impressions", "conclusion", "conclusions", "summary", "opinion", "assessment",
            "diagnosis", "final impression", "addendum", "interpretation");
        return t;
    }
}
