namespace Mosmos.Benchmarks;

/// <summary>docs/benchmarks.md: one "## " section per benchmark, each replaced whole by its own run.</summary>
internal static class BenchmarksDocument
{
    private const string Preamble = "# Benchmarks\n\nEach section is written by the `./mosmos bench` command it names; re-run it to refresh the numbers.\n";

    public static void ReplaceSection(string path, string title, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : Preamble;
        var heading = $"## {title}\n";
        var section = $"{heading}\n{body.ReplaceLineEndings("\n").TrimEnd()}\n";
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            text = text.TrimEnd() + "\n\n" + section;
        }
        else
        {
            int next = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            text = text[..start] + section + (next < 0 ? "" : "\n" + text[(next + 1)..]);
        }
        File.WriteAllText(path, text);
    }
}
