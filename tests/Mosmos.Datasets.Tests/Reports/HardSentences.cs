using Mosmos.Datasets.Reports;

namespace Mosmos.Datasets.Tests.Reports;

/// <summary>The hard-sentence catalogue (hard-sentences.tsv): text, and the tags a careful reader would extract.</summary>
public static class HardSentences
{
    public static readonly string Path = System.IO.Path.Combine(AppContext.BaseDirectory, "Reports", "hard-sentences.tsv");

    public static IReadOnlyList<(string Text, string Expected)> All { get; } = Load();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (text, expected) in All) data.Add(text, expected);
        return data;
    }

    /// <summary>"liver=present, spleen=abnormal" (ordinal order), or "-" when empty: the catalogue's notation.</summary>
    public static string Format(IReadOnlyDictionary<string, OrganTag> tags) => tags.Count == 0
        ? "-"
        : string.Join(", ", tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.ToString().ToLowerInvariant()}"));

    private static List<(string, string)> Load()
    {
        var cases = new List<(string, string)>();
        foreach (var (line, number) in File.ReadLines(Path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 2) throw new InvalidDataException($"{Path}:{number}: expected TEXT<TAB>EXPECTED");
            cases.Add((parts[0].Replace("\\n", "\n", StringComparison.Ordinal), parts[1]));
        }
        return cases;
    }
}
