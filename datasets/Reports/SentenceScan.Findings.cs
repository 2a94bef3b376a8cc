namespace Mosmos.Datasets.Reports;

internal sealed partial class SentenceScan
{
    private static readonly HashSet<string> AgeSensitive = new(StringComparer.Ordinal) { "atrophy", "atrophic", "fatty" };

    private static readonly HashSet<string> RelationalGlue = new(StringComparer.Ordinal) { "to", "the", "of", "a", "an", "with" };

    /// <summary>
    /// Each mention's own state before findings are attached: removals, absence, finding words (abnormal unless
    /// negated), plain mentions present. Null for mentions that state nothing (landmarks, negated removals).
    /// </summary>
    public MentionState?[] InitialStates()
    {
        var states = new MentionState?[Mentions.Count];
        for (var m = 0; m < Mentions.Count; m++)
        {
            var mention = Mentions[m];
            var hedged = Hedged(mention.Start);
            states[m] = mention.Entry.Kind switch
            {
                MentionKind.NotOrgan => null,
                MentionKind.Removal or MentionKind.PartialRemoval when _negated[mention.Start] => null,
                MentionKind.Removal => new MentionState(QualifierBefore(mention, Cue.Partial) ? OrganTag.Abnormal : OrganTag.Absent, hedged),
                MentionKind.PartialRemoval => new MentionState(QualifierBefore(mention, Cue.Total) ? OrganTag.Absent : OrganTag.Abnormal, hedged),
                _ when _absence[m] is { } absent => absent,
                MentionKind.Finding when !_negated[mention.Start] && !Relational(mention) => new MentionState(OrganTag.Abnormal, hedged),
                _ => new MentionState(OrganTag.Present, false),
            };
        }
        return states;
    }

    /// <summary>
    /// Every finding word that is not negated (and not an age-appropriate atrophy) makes the nearest group of
    /// organ mentions abnormal: the same clause first, then anywhere within reach. Landmarks ("adjacent to the
    /// pancreas") and absent organs are never the site.
    /// </summary>
    public void AttachFindings(MentionState?[] states)
    {
        var groups = Groups();
        for (var c = 0; c < Cues.Count; c++)
        {
            var cue = Cues[c];
            var isFinding = cue.Cue == Cue.Abnormal || (cue.Cue == Cue.Absent && !_used[c]);
            if (!isFinding || _negated[cue.Start]) continue;
            if (AgeSensitive.Contains(_tokens[cue.Start].Text) && AgeQualified(_clause[cue.Start])) continue;
            var target = Nearest(cue.Start, states, sameClause: true) ?? Nearest(cue.Start, states, sameClause: false);
            if (target is not { } t) continue;
            var hedged = Hedged(cue.Start);
            foreach (var m in groups[t])
            {
                if (states[m] is { Tag: OrganTag.Present } || (states[m] is { Tag: OrganTag.Abnormal, Uncertain: true } && !hedged))
                    states[m] = new MentionState(OrganTag.Abnormal, hedged);
            }
        }
    }

    /// <summary>The catalog ids a mention stands for, and false when a kidney or adrenal's side could not be told.</summary>
    public (string[] Organs, bool Sided) Organs(Mention m)
    {
        var (right, left) = m.Entry.Pair switch
        {
            Pair.Kidney => ("kidney_right", "kidney_left"),
            Pair.Adrenal => ("adrenal_gland_right", "adrenal_gland_left"),
            _ => (null, null),
        };
        if (right is null || left is null) return (m.Entry.Organs, true);
        return SideOf(m) switch
        {
            Side.Left => ([left], true),
            Side.Right => ([right], true),
            Side.Both => ([right, left], true),
            _ => ([right, left], m.Entry.Plural),
        };
    }

    /// <summary>
    /// Side of a kidney or adrenal mention: a side word just before it ("left renal", "R kidney", "both
    /// adrenals"), "bilaterally" or "on the left" just after, else the nearest side word of the clause outside
    /// parentheses ("left renal fossa is empty following nephrectomy"); plural words mean both.
    /// </summary>
    private Side SideOf(Mention m)
    {
        if (m.Entry.Plural) return Side.Both;
        for (var i = m.Start - 1; i >= 0 && i >= m.Start - 3 && _tokens[i].IsWord && _mentionAt[i] < 0; i--)
        {
            if (SideAt(i) is { } s) return s;
        }
        for (var i = m.End; i < _tokens.Count && i < m.End + 4 && _tokens[i].IsWord && _mentionAt[i] < 0; i++)
        {
            if (_tokens[i].Text == "bilaterally") return Side.Both;
            if (_tokens[i].Text is "on" or "the" or "sided") continue;
            if (_tokens[i].Text is "left" or "right" && i > m.End && _tokens[i - 1].Text is "the" or "on") return SideAt(i) ?? Side.Unknown;
            break;
        }
        for (var d = 1; d <= SideWindow; d++)
        {
            for (var k = 0; k < 2; k++)
            {
                var i = k == 0 ? m.Start - d : m.End - 1 + d;
                if (i < 0 || i >= _tokens.Count || _clause[i] != _clause[m.Start] || _inParentheses[i]) continue;
                if (_tokens[i].Text is "left" or "right" or "bilateral" or "bilaterally" or "both" && SideAt(i) is { } s) return s;
            }
        }
        return Side.Unknown;
    }

    private Side? SideAt(int i) => _cueAt[i] >= 0 && Cues[_cueAt[i]].Start == i
        ? Cues[_cueAt[i]].Cue switch { Cue.Left => Side.Left, Cue.Right => Side.Right, Cue.Both => Side.Both, _ => null }
        : null;

    private bool QualifierBefore(Mention m, Cue qualifier)
    {
        for (var i = m.Start - 1; i >= 0 && i >= m.Start - 3 && _tokens[i].IsWord; i--)
        {
            if (_cueAt[i] >= 0 && Cues[_cueAt[i]].Cue == qualifier) return true;
        }
        return false;
    }

    /// <summary>"adjacent to the pancreas", "abutting the left kidney": the organ is a landmark.</summary>
    private bool Relational(Mention m)
    {
        for (var i = m.Start - 1; i >= 0 && i >= m.Start - 4 && _tokens[i].IsWord; i--)
        {
            if (_cueAt[i] >= 0 && Cues[_cueAt[i]].Cue == Cue.Relational) return true;
            if (!RelationalGlue.Contains(_tokens[i].Text) && !IsSide(i)) return false;
        }
        return false;
    }

    private bool AgeQualified(int clause) => _ageClauses.Contains(clause);

    /// <summary>The nearest mention that can carry a finding; ties go to the mention after the cue ("cyst in the kidney").</summary>
    private int? Nearest(int cue, MentionState?[] states, bool sameClause)
    {
        for (var d = 1; d <= AttachWindow; d++)
        {
            for (var k = 0; k < 2; k++)
            {
                var i = k == 0 ? cue + d : cue - d;
                if (i < 0 || i >= _tokens.Count || _mentionAt[i] < 0) continue;
                if (sameClause && _clause[i] != _clause[cue]) continue;
                var m = _mentionAt[i];
                var kind = Mentions[m].Entry.Kind;
                if (kind is MentionKind.Organ or MentionKind.Finding && states[m] is { Tag: not OrganTag.Absent } && !Relational(Mentions[m]))
                    return m;
            }
        }
        return null;
    }

    /// <summary>Mentions joined only by "and", "or", commas, articles and sides form one group ("the liver and spleen are enlarged").</summary>
    private List<int>[] Groups()
    {
        var groups = new List<int>[Mentions.Count];
        List<int>? current = null;
        for (var m = 0; m < Mentions.Count; m++)
        {
            if (current is null || !Joined(Mentions[m - 1], Mentions[m])) current = [];
            current.Add(m);
            groups[m] = current;
        }
        return groups;
    }

    private bool Joined(Mention a, Mention b)
    {
        for (var i = a.End; i < b.Start; i++)
        {
            var ok = _tokens[i].Kind == TokenKind.Comma || IsSide(i)
                || (_tokens[i].Kind == TokenKind.Word && ContextCues.Connectors.Contains(_tokens[i].Text));
            if (!ok) return false;
        }
        return true;
    }
}
