using System.Globalization;
using System.Text;
using Mosmos.Dicom.Seg;

namespace Mosmos.Benchmarks.Seg;

/// <summary>The "SEG encode and decode" section of docs/benchmarks.md: data, what is timed, the table, ratios and goals.</summary>
internal sealed class SegReport(BenchOptions options, string machine, SegBenchData data, SegmentationResult seg, IReadOnlyList<SegRow> ours, SegMemory memory, SegPeerResult? peer)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const double EncodeGoalSeconds = 0.5;

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant, $"Command: `./mosmos bench seg{(options.Runs != 5 ? " --runs " + options.Runs.ToString(Invariant) : "")}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).");
        s.AppendLine();
        s.AppendLine(Invariant, $"Machine: {machine}; after: {Machine.LoadAverage()}.");
        s.AppendLine();
        string peerData = peer is { Error: null } ? string.Create(Invariant, $"; dcmjs {peer.Frames} frames, {peer.Bytes / 1e6:F1} MB Part 10") : "";
        string peerTrip = peer is { Error: null } ? $", dcmjs {(peer.RoundTrip ? "exact" : "**not exact**")}" : "";
        s.AppendLine(Invariant, $"Data: the label map of phantom seed {data.Seed} on a {SegBenchData.Matrix}×{SegBenchData.Matrix}×{SegBenchData.SliceCount} grid " +
            $"({data.Segments.Count} organs, {data.Labels.Voxels.Length / 1e6:F1} MB, one byte per voxel) and its CT series (Part 10, cached in " +
            $"`.cache/bench/`). BINARY SEG, empty frames omitted: Mosmos.Dicom writes {seg.NumberOfFrames} frames, {memory.Packed / 1e6:F1} MB of packed " +
            $"Pixel Data{peerData}. Both round trips are checked voxel for voxel before timing: Mosmos.Dicom exact{peerTrip}.");
        s.AppendLine();
        int peerRuns = Math.Min(SegPeer.MaxRuns, options.Runs);
        s.AppendLine(Invariant, $"Timed: Mosmos.Dicom warms up for at least 2 s, then {options.Runs} passes; dcmjs makes one warm-up pass, then {peerRuns} " +
            $"(it runs in one node process and times itself, start-up excluded). Not timed on either side: " +
            $"reading the files, and each tool's input form of the source series (ours: `SourceSeries` from the CT headers; dcmjs: its " +
            $"`Labelmap3D` of per-slice 16-bit label maps with the segments on each, the parsed CT data sets and a Cornerstone metadata " +
            $"provider), except in the rows that say they start from the CT bytes. dcmjs's `generateSegmentation` parses every CT buffer " +
            $"whole (pixels too) and builds a multi-frame data set before it encodes; its `fillSegmentation` row starts from that prepared " +
            $"data set, as ours starts from `SourceSeries`. Encode rows end with Part 10 bytes in memory (ours: a reused `MemoryStream`; " +
            $"dcmjs: the `Blob`'s bytes). Decode rows start from the SEG bytes and end with a label map on the CT grid " +
            $"(dcmjs: `generateToolState`, the path OHIF's Cornerstone tools take; each tool decodes its own SEG). CPU s is the " +
            $"process CPU time of a pass, all threads (Mosmos.Dicom packs frames on every core; dcmjs runs on one): the steadier " +
            $"figure on a loaded machine.");
        s.AppendLine();
        s.AppendLine("| step | tool | median wall s | min wall s | median CPU s |");
        s.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in Rows()) s.AppendLine(Line(row));
        s.AppendLine();
        s.AppendLine("Ratios of medians and goals:");
        s.AppendLine();
        var write = Median(ours[1]);
        s.AppendLine(Invariant, $"- encode: SegWriter.Encode + Write **{write:F3} s** wall, {Timing.Median(ours[1].Times!.Cpu):F3} s CPU (≤ {EncodeGoalSeconds} s: {(write <= EncodeGoalSeconds ? "met" : "missed")})");
        if (peer is { Error: null })
        {
            double fill = Timing.Median(peer.Fill!.Wall), generate = Timing.Median(peer.Generate!.Wall), decode = Timing.Median(peer.Decode!.Wall);
            double fillCpu = Timing.Median(peer.Fill.Cpu), writeCpu = Timing.Median(ours[1].Times!.Cpu);
            s.AppendLine(Invariant, $"- encode vs dcmjs `fillSegmentation`: **{fill / write:F0}×** faster in wall time (≥ 20×: {(fill / write >= 20 ? "met" : "missed")}), {fillCpu / writeCpu:F0}× in CPU time");
            s.AppendLine(Invariant, $"- encode from the CT bytes vs dcmjs `generateSegmentation`: **{generate / Median(ours[2]):F0}×** faster");
            s.AppendLine(Invariant, $"- decode vs dcmjs `generateToolState`: **{decode / Median(ours[3]):F0}×** faster");
        }
        s.AppendLine(Invariant, $"- memory, managed bytes allocated by one call (all threads, `GC.GetTotalAllocatedBytes`), against the " +
            $"{memory.Packed / 1e6:F1} MB packed Pixel Data (the label map itself is the caller's and not counted):");
        s.AppendLine(Invariant, $"  - SegWriter.Encode: {memory.Encode / 1e6:F1} MB = **{(double)memory.Encode / memory.Packed:F2}×** (≤ 2×: {(memory.Encode <= 2 * memory.Packed ? "met" : "missed")})");
        s.AppendLine(Invariant, $"  - SegWriter.Encode + Write into the reused stream: {memory.EncodeAndWrite / 1e6:F1} MB = {(double)memory.EncodeAndWrite / memory.Packed:F2}×");
        s.AppendLine(Invariant, $"  - decode: {memory.Decode / 1e6:F1} MB, of which {memory.LabelMap / 1e6:F1} MB is the label map it returns");
        return s.ToString();
    }

    private IEnumerable<SegRow> Rows()
    {
        foreach (var row in ours) yield return row;
        if (peer is null) yield break;
        string v = peer.Version ?? "";
        if (peer.Error is not null)
        {
            yield return new SegRow("encode", "dcmjs", null, peer.Error);
            yield break;
        }
        yield return new SegRow("encode", $"dcmjs {v}: adapters.Cornerstone.Segmentation.generateSegmentation (from the CT Part 10 buffers)", peer.Generate);
        yield return new SegRow("encode", $"dcmjs {v}: fillSegmentation on the prepared derived data set", peer.Fill);
        yield return new SegRow("decode", $"dcmjs {v}: generateToolState (SEG bytes → 16-bit label map)", peer.Decode);
    }

    private static string Line(SegRow row) => row.Times is { Wall.Length: > 0 } t
        ? string.Create(Invariant, $"| {row.Group} | {row.Tool} | {Timing.Median(t.Wall):F3} | {t.Wall.Min():F3} | {Timing.Median(t.Cpu):F3} |")
        : $"| {row.Group} | {row.Tool} | not run: {row.Error} | | |";

    private static double Median(SegRow row) => Timing.Median(row.Times!.Wall);
}
