namespace Mosmos.Datasets.Reports;

internal readonly record struct Mention(int Start, int End, OrganEntry Entry);

internal readonly record struct CueAt(int Start, int End, Cue Cue);

internal record struct MentionState(OrganTag Tag, bool Uncertain);

internal enum Side : byte { Unknown, Left, Right, Both }

/// <summary>The mentions and cues of one sentence with per-token indexes (the working state of <see cref="SentenceReader"/>).</summary>
internal sealed partial class SentenceScan
{
    /// <summary>Tokens a pre-negation reaches forward (NegEx uses 5 words; report lists run a little longer).</summary>
    private const int NegationWindow = 8;

    /// <summary>Tokens a post-negation reaches back ("gallstones are not seen").</summary>
    private const int PostNegationWindow = 6;

    /// <summary>How far (in tokens) a finding looks for its organ, and a side word for its kidney.</summary>
    private const int AttachWindow = 24;

    private const int SideWindow = 12;

    private readonly List<Token> _tokens;
    private readonly int[] _mentionAt;
    private readonly int[] _cueAt;
    private readonly int[] _clause;
    private readonly bool[] _inParentheses;
    private readonly bool[] _negated;
    private readonly bool[] _used;
    private readonly MentionState?[] _absence;
    private readonly HashSet<int> _hedgedClauses = [];
    private readonly HashSet<int> _ageClauses = [];

    public SentenceScan(List<Token> tokens, List<Mention> mentions, List<CueAt> cues)
    {
        _tokens = tokens;
        Mentions = mentions;
        Cues = cues;
        var n = tokens.Count;
        _mentionAt = new int[n];
        _cueAt = new int[n];
        Array.Fill(_mentionAt, -1);
        Array.Fill(_cueAt, -1);
        for (var m = 0; m < mentions.Count; m++)
        {
            for (var i = mentions[m].Start; i < mentions[m].End; i++) _mentionAt[i] = m;
        }
        for (var c = 0; c < cues.Count; c++)
        {
            for (var i = cues[c].Start; i < cues[c].End; i++) _cueAt[i] = c;
        }
        _clause = new int[n];
        _inParentheses = new bool[n];
        var clause = 0;
        var depth = 0;
        for (var i = 0; i < n; i++)
        {
            var kind = tokens[i].Kind;
            if (kind is TokenKind.Semicolon or TokenKind.Colon) clause++;
            if (_cueAt[i] >= 0 && cues[_cueAt[i]].Start == i && cues[_cueAt[i]].Cue == Cue.Terminator) clause++;
            if (kind == TokenKind.Open) depth++;
            _clause[i] = clause;
            _inParentheses[i] = depth > 0;
            if (kind == TokenKind.Close && depth > 0) depth--;
        }
        foreach (var c in cues)
        {
            if (c.Cue is Cue.Hedge or Cue.PseudoNegationHedge) _hedgedClauses.Add(_clause[c.Start]);
            if (c.Cue == Cue.AgeQualifier) _ageClauses.Add(_clause[c.Start]);
        }
        _negated = new bool[n];
        _used = new bool[cues.Count];
        _absence = new MentionState?[mentions.Count];
    }

    public List<Mention> Mentions { get; }

    public List<CueAt> Cues { get; }

    private bool Hedged(int token) => _hedgedClauses.Contains(_clause[token]);

    private CueAt? CueStartingAt(int i) => i >= 0 && i < _tokens.Count && _cueAt[i] >= 0 && Cues[_cueAt[i]].Start == i ? Cues[_cueAt[i]] : null;

    private CueAt? CueEndingAt(int i) => i >= 0 && i < _tokens.Count && _cueAt[i] >= 0 && Cues[_cueAt[i]].End == i + 1 ? Cues[_cueAt[i]] : null;

    private bool IsFiller(int i) => _tokens[i].Kind == TokenKind.Word && ContextCues.Fillers.Contains(_tokens[i].Text) && _cueAt[i] < 0 && _mentionAt[i] < 0;

    private bool IsSide(int i) => _cueAt[i] >= 0 && Cues[_cueAt[i]].Cue is Cue.Left or Cue.Right or Cue.Both;

    /// <summary>
    /// Organ absence from the words next to it: "the spleen has been removed", "uterus not visualized"
    /// (uncertain), "surgically absent gallbladder", "absence of the left kidney", "the left renal fossa is empty".
    /// </summary>
    public void MarkAbsence()
    {
        for (var m = 0; m < Mentions.Count; m++)
        {
            var mention = Mentions[m];
            if (mention.Entry.Kind != MentionKind.Organ) continue;
            var after = mention.End;
            while (after < _tokens.Count && IsFiller(after)) after++;
            if (CueStartingAt(after) is { } next && _cueAt[after] is var ni)
            {
                var found = next.Cue switch
                {
                    Cue.Absent or Cue.Removed => new MentionState(OrganTag.Absent, Hedged(after)),
                    Cue.NotSeen => new MentionState(OrganTag.Absent, true),
                    Cue.Empty when mention.Entry.Fossa => new MentionState(OrganTag.Absent, Hedged(after)),
                    _ => (MentionState?)null,
                };
                if (found is not null)
                {
                    _absence[m] = found;
                    _used[ni] = true;
                    continue;
                }
            }
            var before = mention.Start - 1;
            while (before >= 0 && (IsFiller(before) || IsSide(before) || _tokens[before].Text is "the" or "a")) before--;
            if (CueEndingAt(before) is { } previous && (previous.Cue is Cue.Absent or Cue.AbsenceOf || (previous.Cue == Cue.Empty && mention.Entry.Fossa)))
            {
                _absence[m] = new MentionState(OrganTag.Absent, Hedged(before));
                _used[_cueAt[before]] = true;
            }
        }
    }

    /// <summary>NegEx scopes: forward from pre-triggers, back from post-triggers, never across a clause boundary.</summary>
    public void MarkNegation()
    {
        for (var c = 0; c < Cues.Count; c++)
        {
            if (_used[c]) continue;
            var cue = Cues[c];
            switch (cue.Cue)
            {
                case Cue.NegationBefore or Cue.AbsenceOf:
                    for (var i = cue.End; i < _tokens.Count && i < cue.End + NegationWindow && _clause[i] == _clause[cue.Start]; i++)
                    {
                        if (CueStartingAt(i) is { Cue: Cue.PseudoNegation or Cue.PseudoNegationHedge }) break;
                        _negated[i] = true;
                    }
                    _used[c] = true;
                    break;
                case Cue.NegationAfter or Cue.NotSeen:
                    NegateBack(cue.Start);
                    _used[c] = true;
                    break;
                case Cue.Absent:
                    // "stones are absent" negates the finding; otherwise "absent flow" is itself a finding.
                    var before = cue.Start - 1;
                    while (before >= 0 && IsFiller(before)) before--;
                    if (before >= 0 && ((_cueAt[before] >= 0 && Cues[_cueAt[before]].Cue == Cue.Abnormal)
                        || (_mentionAt[before] >= 0 && Mentions[_mentionAt[before]].Entry.Kind == MentionKind.Finding)))
                    {
                        NegateBack(cue.Start);
                        _used[c] = true;
                    }
                    break;
            }
        }
    }

    private void NegateBack(int start)
    {
        for (var i = start - 1; i >= 0 && i >= start - PostNegationWindow && _clause[i] == _clause[start]; i--) _negated[i] = true;
    }
}
