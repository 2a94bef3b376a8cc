using Mosmos.Datasets;

namespace Mosmos.Trainer.Text;

/// <summary>
/// The report texts of a folder: a dataset (<c>dataset.json</c>, datasets/README.md) gives its cases' reports in
/// manifest order; any other folder gives every <c>*.txt</c> below it, in ordinal path order.
/// </summary>
public static class ReportCorpus
{
    /// <summary>Reports larger than this are refused: a report is a few kilobytes.</summary>
    public const long MaxReportBytes = 4 << 20;

    public static IReadOnlyList<string> Files(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        if (File.Exists(Path.Combine(folder, Dataset.ManifestFileName)))
        {
            var dataset = Dataset.Open(folder);
            return [.. dataset.Cases.Where(c => c.ReportFile is not null).Select(c => dataset.PathOf(c.ReportFile!))];
        }
        return [.. Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads the reports lazily; a missing, oversized or non-UTF-8 file throws naming it.</summary>
    public static IEnumerable<string> Read(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            if (length > MaxReportBytes) throw new IOException($"{file}: {length} bytes, more than {MaxReportBytes} for one report");
            string text;
            try { text = File.ReadAllText(file, utf8); }
            catch (System.Text.DecoderFallbackException e) { throw new IOException($"{file}: not UTF-8 text", e); }
            yield return text;
        }
    }
}
