using System.Globalization;

namespace Mosmos.Trainer.Text;

/// <summary>
/// The words of a corpus as sequences of pieces, with the counts of adjacent piece pairs and of pieces, kept
/// up to date as pairs are merged (the inner loop of <see cref="WordPieceVocabularyBuilder"/>).
/// </summary>
internal sealed class PairTable
{
    private readonly List<List<string>> _words = [];
    private readonly List<long> _counts = [];
    private readonly Dictionary<(string, string), long> _pairs = [];
    private readonly Dictionary<(string, string), HashSet<int>> _where = [];
    private readonly Dictionary<string, long> _pieces = new(StringComparer.Ordinal);

    public PairTable(IReadOnlyDictionary<string, long> wordCounts)
    {
        // Ordinal order so the result does not depend on the dictionary's enumeration order.
        foreach (var (word, count) in wordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (count <= 0 || word.Length == 0) continue;
            _words.Add(Split(word));
            _counts.Add(count);
            Add(_words.Count - 1, +1);
        }
    }

    /// <summary>A word as pieces: its first text element as is, the others with the <c>##</c> prefix.</summary>
    public static List<string> Split(string word)
    {
        var pieces = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            pieces.Add(pieces.Count == 0 ? element : WordPieceVocabularyBuilder.ContinuationPrefix + element);
        }
        return pieces;
    }

    /// <summary>The pair with the highest count(ab) / (count(a)·count(b)) among those seen at least <paramref name="minCount"/> times.</summary>
    public (string A, string B)? Best(int minCount)
    {
        (string A, string B)? best = null;
        double bestScore = -1;
        long bestCount = 0;
        foreach (var (pair, count) in _pairs)
        {
            if (count < minCount) continue;
            var score = count / ((double)_pieces[pair.Item1] * _pieces[pair.Item2]);
            if (score > bestScore || (score == bestScore && (count > bestCount
                || (count == bestCount && string.CompareOrdinal(Join(pair), Join(best!.Value)) < 0))))
            {
                (best, bestScore, bestCount) = (pair, score, count);
            }
        }
        return best;
    }

    /// <summary>Merges every occurrence of the pair and returns the new piece.</summary>
    public string Merge((string A, string B) pair)
    {
        var merged = Join(pair);
        foreach (var w in _where[pair].ToArray())
        {
            Add(w, -1);
            var pieces = _words[w];
            for (var i = 0; i + 1 < pieces.Count; i++)
            {
                if (pieces[i] == pair.A && pieces[i + 1] == pair.B)
                {
                    pieces[i] = merged;
                    pieces.RemoveAt(i + 1);
                }
            }
            Add(w, +1);
        }
        return merged;
    }

    private static string Join((string A, string B) pair) => pair.A + pair.B[WordPieceVocabularyBuilder.ContinuationPrefix.Length..];

    private void Add(int w, int sign)
    {
        var pieces = _words[w];
        var count = sign * _counts[w];
        for (var i = 0; i < pieces.Count; i++)
        {
            Bump(_pieces, pieces[i], count);
            if (i + 1 == pieces.Count) continue;
            var pair = (pieces[i], pieces[i + 1]);
            var total = _pairs.GetValueOrDefault(pair) + count;
            if (total == 0)
            {
                _pairs.Remove(pair);
                _where.Remove(pair);
                continue;
            }
            _pairs[pair] = total;
            if (sign > 0)
            {
                if (!_where.TryGetValue(pair, out var set)) _where[pair] = set = [];
                set.Add(w);
            }
            else _where[pair].Remove(w);
        }
    }

    private static void Bump(Dictionary<string, long> counts, string key, long delta)
    {
        var total = counts.GetValueOrDefault(key) + delta;
        if (total == 0) counts.Remove(key);
        else counts[key] = total;
    }
}
