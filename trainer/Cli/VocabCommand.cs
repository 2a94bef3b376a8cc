using System.Diagnostics;
using System.Globalization;
using Mosmos.Trainer.Text;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>vocab --data DIR --out FILE [--size N] [--min-pair-count N]</c>: WordPiece vocabulary from the reports of
/// a dataset or a folder of <c>*.txt</c>, then a check of the result: the corpus re-tokenised with it.
/// </summary>
public static class VocabCommand
{
    public const int DefaultSize = 4000;

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var data = a.Required("data");
        var output = a.Required("out");
        var size = a.Count("size") ?? DefaultSize;
        var minPairCount = a.Count("min-pair-count") ?? 2;
        a.ThrowOnUnused();
        if (size is < 16 or > 1_000_000) throw new UsageException($"--size {size}: must be 16–1000000");
        if (minPairCount < 1) throw new UsageException($"--min-pair-count {minPairCount}: must be at least 1");
        var files = ReportCorpus.Files(data);
        if (files.Count == 0) throw new UsageException($"{data}: no reports (neither a dataset with reports nor *.txt files)");
        var clock = Stopwatch.StartNew();
        var words = WordPieceVocabularyBuilder.CountWords(ReportCorpus.Read(files));
        var vocabulary = WordPieceVocabularyBuilder.Build(words, size, minPairCount);
        WordPieceVocabularyBuilder.Write(vocabulary, output);
        var built = clock.Elapsed;
        var tokenizer = ReportTokenizer.Load(output);
        long tokens = 0, unknown = 0, longest = 0;
        foreach (var report in ReportCorpus.Read(files))
        {
            var ids = tokenizer.Encode(report, int.MaxValue);
            tokens += ids.Length;
            unknown += ids.Count(id => id == tokenizer.UnknownId);
            longest = Math.Max(longest, ids.Length);
        }
        var c = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLineInterpolated(c,
            $"{files.Count} reports, {words.Count} distinct words, {words.Values.Sum()} words → {vocabulary.Count} tokens in {built.TotalSeconds:F1} s: {output}");
        AnsiConsole.MarkupLineInterpolated(c,
            $"re-tokenised: {(double)tokens / files.Count:F1} tokens per report ([[CLS]] and [[SEP]] included), longest {longest}, [[UNK]] {unknown} ({100.0 * unknown / Math.Max(1, tokens):F3} %)");
        return 0;
    }
}
