namespace Mosmos.Trainer.Text;

/// <summary>
/// Builds a WordPiece vocabulary from a corpus (our own code; mosmos-method.md "Text encoder"). Words are counted
/// after the tokenizer's own normalisation and pre-tokenisation (<see cref="ReportTokenizer.Words"/>). Every word
/// starts as characters — the first as itself, the others with the <c>##</c> continuation prefix — and the pair
/// of adjacent pieces with the highest likelihood gain, count(ab) / (count(a) · count(b)), is merged, again and
/// again, until the vocabulary reaches the target size or no pair occurs <c>minPairCount</c> times. Pair and
/// piece counts are updated incrementally, only in the words that contain the merged pair.
/// The vocabulary is: the special tokens, the alphabet (a–z and 0–9 in both forms, ASCII punctuation, and every
/// character of the corpus, so unseen words still piece into characters instead of [UNK]), then the merges in
/// the order they were made. Deterministic: ties go to the more frequent pair, then to the ordinal order.
/// </summary>
public static class WordPieceVocabularyBuilder
{
    public const string ContinuationPrefix = "##";

    /// <summary>Longest word considered, as the tokenizer's default (longer words become [UNK]).</summary>
    public const int MaxWordLength = 100;

    /// <summary>Normalised word → number of occurrences over all documents.</summary>
    public static Dictionary<string, long> CountWords(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var word in ReportTokenizer.Words(document ?? throw new ArgumentException("a document is null", nameof(documents))))
            {
                if (word.Length <= MaxWordLength) counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }
        return counts;
    }

    public static IReadOnlyList<string> Build(IEnumerable<string> documents, int targetSize, int minPairCount = 2) =>
        Build(CountWords(documents), targetSize, minPairCount);

    public static IReadOnlyList<string> Build(IReadOnlyDictionary<string, long> wordCounts, int targetSize, int minPairCount = 2)
    {
        ArgumentNullException.ThrowIfNull(wordCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPairCount, 1);
        var vocabulary = BaseVocabulary(wordCounts.Keys);
        if (targetSize < vocabulary.Count)
            throw new ArgumentOutOfRangeException(nameof(targetSize), targetSize,
                $"the special tokens and the corpus alphabet alone need {vocabulary.Count} entries");
        var known = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        var merges = new PairTable(wordCounts);
        while (vocabulary.Count < targetSize && merges.Best(minPairCount) is { } pair)
        {
            var merged = merges.Merge(pair);
            if (known.Add(merged)) vocabulary.Add(merged);
        }
        return vocabulary;
    }

    /// <summary>The special tokens, then the alphabet of <paramref name="words"/> (what precedes the merges).</summary>
    public static List<string> BaseVocabulary(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var vocabulary = new List<string>(ReportTokenizer.SpecialTokens);
        vocabulary.AddRange(Alphabet(words).Except(vocabulary, StringComparer.Ordinal));
        return vocabulary;
    }

    /// <summary>Writes one token per line, UTF-8 without BOM, '\n' endings; replaced atomically.</summary>
    public static void Write(IReadOnlyList<string> vocabulary, string path)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, string.Concat(vocabulary.Select(t => t + "\n")), new System.Text.UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Initial and continuation forms of every character a word can contain, sorted ordinally.</summary>
    private static SortedSet<string> Alphabet(IEnumerable<string> words)
    {
        var pieces = new SortedSet<string>(StringComparer.Ordinal);
        for (var c = 'a'; c <= 'z'; c++) AddBoth(pieces, c.ToString());
        for (var c = '0'; c <= '9'; c++) AddBoth(pieces, c.ToString());
        for (var c = '!'; c <= '~'; c++)
        {
            if (char.IsPunctuation(c) || char.IsSymbol(c)) pieces.Add(c.ToString());
        }
        foreach (var word in words) pieces.UnionWith(PairTable.Split(word));
        return pieces;
    }

    private static void AddBoth(SortedSet<string> pieces, string c)
    {
        pieces.Add(c);
        pieces.Add(ContinuationPrefix + c);
    }
}
