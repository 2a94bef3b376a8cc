namespace Mosmos.Datasets.Reports;

/// <summary>What one mention in a sentence says: the organ, its tag, and whether the statement is hedged.</summary>
internal readonly record struct Reading(string Organ, OrganTag Tag, bool Uncertain);

/// <summary>
/// Reads one sentence: finds organ mentions and context cues, splits clauses, applies negation scopes, resolves
/// the side of kidneys and adrenals, attaches each finding to the nearest group of organs and decides absence.
/// Every search is bounded to a few tokens, so a sentence of any length is read in linear time.
/// </summary>
internal static class SentenceReader
{
    public static List<Reading> Read(List<Token> tokens, List<Token> label)
    {
        var s = Scan(tokens);
        if (label.Count > 0 && !s.Mentions.Any(m => m.Entry.Kind != MentionKind.NotOrgan))
            s = Scan([.. label, .. tokens]);
        var readings = new List<Reading>();
        if (!s.Mentions.Any(m => m.Entry.Kind != MentionKind.NotOrgan)) return readings;
        s.MarkAbsence();
        s.MarkNegation();
        var states = s.InitialStates();
        s.AttachFindings(states);
        for (var i = 0; i < s.Mentions.Count; i++)
        {
            if (states[i] is not { } state) continue;
            var m = s.Mentions[i];
            var (organs, sided) = s.Organs(m);
            var tag = state.Tag;
            var uncertain = state.Uncertain;
            if (!sided && tag != OrganTag.Present)
            {
                // "renal cyst", "status post nephrectomy": which kidney is not said.
                if (tag == OrganTag.Abnormal) tag = OrganTag.Present;
                uncertain = true;
            }
            foreach (var organ in organs)
            {
                var r = new Reading(organ, tag, uncertain);
                if (!readings.Contains(r)) readings.Add(r);
            }
        }
        return readings;
    }

    private static SentenceScan Scan(List<Token> tokens)
    {
        var mentions = new List<Mention>();
        var cues = new List<CueAt>();
        for (var i = 0; i < tokens.Count;)
        {
            var (entry, organLength) = OrganLexicon.Table.Match(tokens, i);
            var (cue, cueLength) = ContextCues.Table.Match(tokens, i);
            if (organLength > 0 && organLength >= cueLength)
            {
                mentions.Add(new Mention(i, i + organLength, entry!));
                i += organLength;
            }
            else if (cueLength > 0)
            {
                cues.Add(new CueAt(i, i + cueLength, cue));
                i += cueLength;
            }
            else i++;
        }
        return new SentenceScan(tokens, mentions, cues);
    }
}
