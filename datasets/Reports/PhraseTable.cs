namespace Mosmos.Datasets.Reports;

/// <summary>Multi-word phrases (folded, space-separated) → a value, matched longest-first over consecutive word tokens.</summary>
internal sealed class PhraseTable<T>
{
    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirst = new(StringComparer.Ordinal);

    public int LongestPhrase { get; private set; }

    public void Add(string phrase, T value)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!_byFirst.TryGetValue(words[0], out var list)) _byFirst[words[0]] = list = [];
        if (list.Any(e => e.Words.SequenceEqual(words))) throw new InvalidOperationException($"phrase '{phrase}' is listed twice");
        list.Add((words, value));
        list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        LongestPhrase = Math.Max(LongestPhrase, words.Length);
    }

    /// <summary>The longest phrase starting at token <paramref name="i"/>, and its length in tokens (0 when none).</summary>
    public (T? Value, int Length) Match(IReadOnlyList<Token> tokens, int i)
    {
        if (!tokens[i].IsWord || !_byFirst.TryGetValue(tokens[i].Text, out var list)) return (default, 0);
        foreach (var (words, value) in list)
        {
            if (i + words.Length > tokens.Count) continue;
            var ok = true;
            for (var k = 1; k < words.Length && ok; k++) ok = tokens[i + k].IsWord && tokens[i + k].Text == words[k];
            if (ok) return (value, words.Length);
        }
        return (default, 0);
    }

    public IEnumerable<T> Values => _byFirst.Values.SelectMany(l => l.Select(e => e.Value));
}
