using System.Globalization;
using System.Text;

namespace Mosmos.Benchmarks.Dicom;

/// <summary>The Markdown section of docs/benchmarks.md: setup, the table, and the ratios against the goals.</summary>
internal sealed class DicomReport(int files, long totalBytes, BenchOptions options, string machine, IReadOnlyList<ResultRow> rows)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        var command = "./mosmos bench dicom"
            + (options.Files != 1000 ? " --files " + options.Files.ToString(Invariant) : "")
            + (options.Runs != 5 ? " --runs " + options.Runs.ToString(Invariant) : "");
        s.AppendLine(Invariant, $"Command: `{command}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).");
        s.AppendLine();
        s.AppendLine(Invariant, $"Machine: {machine}.");
        s.AppendLine();
        s.AppendLine(Invariant, $"Data: {files} generated CT files (512 × 512 × 16-bit, about 100 attributes with sequences and private blocks, " +
            $"Explicit VR Little Endian), {totalBytes / 1e6:F0} MB in all, read warm from the page cache (the plain copy runs first and loads them). " +
            $"Ours warms up for at least 2 s (so the JIT has tiered up, as in a running service), each peer makes one warm-up pass; then " +
            $"{options.Runs} timed passes over all files; the table gives the median and the fastest pass. Peers run in one process " +
            $"each and time themselves, so interpreter start-up is excluded. dcmjs parses in-memory buffers only, so its rows include " +
            $"reading each whole file (`fs.readFileSync`). Ours and the plain copy touch every pixel byte (a vectorised XOR); the peers " +
            $"hold the pixel bytes in memory. MB/s counts whole files, header rows included.");
        s.AppendLine();
        s.AppendLine("| read | tool | median s | min s | files/s | MB/s |");
        s.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            if (row.Seconds is not { Length: > 0 } seconds)
            {
                s.AppendLine(Invariant, $"| {row.Group} | {row.Tool} | not run: {row.Error} | | | |");
                continue;
            }
            double median = Timing.Median(seconds), min = seconds.Min();
            s.AppendLine(Invariant, $"| {row.Group} | {row.Tool} | {median:F3} | {min:F3} | {files / median:F0} | {totalBytes / 1e6 / median:F0} |");
        }
        s.AppendLine();
        s.AppendLine("Ratios of medians (goal in brackets):");
        s.AppendLine();
        Ratio(s, "headers: Mosmos.Dicom vs pydicom stop_before_pixels", "pydicom: dcmread(stop_before_pixels", "Mosmos.Dicom: DicomFile.Open, StopBeforePixelData", "≥ 10×");
        Ratio(s, "headers: Mosmos.Dicom deferred vs pydicom defer_size", "pydicom: dcmread(defer_size", "Mosmos.Dicom: DicomFile.Open, pixel data deferred", "—");
        Ratio(s, "headers: Mosmos.Dicom vs dcmjs untilTag", "dcmjs: readFile(untilTag", "Mosmos.Dicom: DicomFile.Open, StopBeforePixelData", "≥ 3×");
        Ratio(s, "pixels: Mosmos.Dicom vs pydicom", "pydicom: dcmread + PixelData", "Mosmos.Dicom: DicomFile.Open, all values", "—");
        Ratio(s, "pixels: Mosmos.Dicom vs dcmjs", "dcmjs: readFile + PixelData", "Mosmos.Dicom: DicomFile.Open, all values", "—");
        var copy = Median("plain copy");
        foreach (var (label, prefix) in new[] { ("full read", "Mosmos.Dicom: DicomFile.Open, all values"), ("deferred read then load", "Mosmos.Dicom: DicomFile.Open + deferred") })
        {
            if (copy is { } c && Median(prefix) is { } o)
                s.AppendLine(Invariant, $"- pixels, {label}: Mosmos.Dicom takes **{o / c:F2}×** the time of the plain copy (≤ 2×)");
        }
        return s.ToString();
    }

    /// <summary>How many times faster ours is than the peer (peer time / our time).</summary>
    private void Ratio(StringBuilder s, string label, string peerPrefix, string oursPrefix, string goal)
    {
        if (Median(peerPrefix) is { } peer && Median(oursPrefix) is { } ours)
            s.AppendLine(Invariant, $"- {label}: **{peer / ours:F1}×** faster ({goal})");
    }

    private double? Median(string toolPrefix) =>
        rows.FirstOrDefault(r => r.Tool.StartsWith(toolPrefix, StringComparison.Ordinal) && r.Seconds is { Length: > 0 }) is { Seconds: { } seconds }
            ? Timing.Median(seconds)
            : null;
}
