using System.Numerics;
using System.Runtime.InteropServices;
using Mosmos.Dicom;

namespace Mosmos.Benchmarks.Dicom;

/// <summary>
/// DESIGN §6 "Part 10 header parse ≥ 10× pydicom and ≥ 3× dcmjs", and issue 2 "pixel reading within 2× of a plain
/// file copy": every tool reads the same generated CT files, warm from the page cache, in one run.
/// </summary>
internal static class DicomBenchmark
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>Every value read during the parse, the pixels straight from the file into their array.</summary>
    private static readonly DicomReadOptions Eager = new() { DeferValuesLongerThan = int.MaxValue };

    public static int Run(BenchOptions options)
    {
        var folder = Path.Combine(options.Root, ".cache", "bench", $"ct512-{options.Files}");
        var files = CtSeriesGenerator.Ensure(folder, options.Files);
        var listFile = Path.Combine(folder, "files.txt");
        File.WriteAllLines(listFile, files);
        long totalBytes = files.Sum(f => new FileInfo(f).Length);
        var machine = Machine.Describe();
        Console.Error.WriteLine($"{files.Count} files, {totalBytes / 1e6:F0} MB; {options.Runs} timed passes each after one warm-up; {machine}");

        var rows = new List<ResultRow>();
        void Ours(string group, string tool, Func<long> pass) =>
            rows.Add(new ResultRow(group, tool, Timing.Passes(options.Runs, pass), null));
        void Peer(string group, string tool, Func<PeerResult> run)
        {
            Console.Error.WriteLine($"running {tool} ...");
            var result = run();
            rows.Add(new ResultRow(group, result.Version is { } v ? $"{tool} {v}" : tool, result.Seconds, result.Error));
        }

        // The copy runs first: it also brings every file into the page cache for all that follow.
        Ours("pixels", "plain copy: File.ReadAllBytes (the I/O floor)", () => CopyPass(files));
        Ours("headers", "Mosmos.Dicom: DicomFile.Open, StopBeforePixelData", () => HeaderPass(files, HeaderOnly));
        Ours("headers", "Mosmos.Dicom: DicomFile.Open, pixel data deferred", () => HeaderPass(files, DicomReadOptions.Default));
        var heads = files.Select(f => File.ReadAllBytes(f)[..(64 * 1024)]).ToArray();
        Ours("headers", "Mosmos.Dicom: DicomFile.Read, StopBeforePixelData, bytes in memory (parse only)", () => heads.Sum(h => (long)DicomFile.Read(h, HeaderOnly).Dataset.Count));
        Ours("pixels", "Mosmos.Dicom: DicomFile.Open, all values read (no deferral)", () => PixelPass(files, Eager));
        Ours("pixels", "Mosmos.Dicom: DicomFile.Open + deferred PixelData loaded", () => PixelPass(files, DicomReadOptions.Default));
        if (options.Peers)
        {
            var peers = new Peers(options, listFile);
            Peer("headers", "pydicom: dcmread(stop_before_pixels=True)", () => peers.Pydicom("header"));
            Peer("headers", "pydicom: dcmread(defer_size=\"64 KB\")", () => peers.Pydicom("defer"));
            Peer("headers", "dcmjs: readFile(untilTag \"7FE00010\")", () => peers.Dcmjs("header"));
            Peer("pixels", "pydicom: dcmread + PixelData", () => peers.Pydicom("full"));
            Peer("pixels", "dcmjs: readFile + PixelData", () => peers.Dcmjs("full"));
        }

        var report = new DicomReport(files.Count, totalBytes, options, machine + $"; load average after: {Machine.LoadAverage()}", rows);
        var markdown = report.ToMarkdown();
        Console.WriteLine(markdown);
        if (options.WriteDocs)
        {
            var docs = Path.Combine(options.Root, "docs", "benchmarks.md");
            BenchmarksDocument.ReplaceSection(docs, "DICOM parsing", markdown);
            Console.Error.WriteLine($"wrote the \"DICOM parsing\" section of {docs}");
        }
        return 0;
    }

    private static long HeaderPass(IReadOnlyList<string> files, DicomReadOptions options)
    {
        long attributes = 0;
        foreach (var f in files) attributes += DicomFile.Open(f, options).Dataset.Count;
        return attributes;
    }

    private static long PixelPass(IReadOnlyList<string> files, DicomReadOptions options)
    {
        long check = 0;
        foreach (var f in files)
        {
            var pixels = (DicomElement)DicomFile.Open(f, options).Dataset[DicomTags.PixelData]!;
            check += Fold(pixels.Value.Span);
        }
        return check;
    }

    private static long CopyPass(IReadOnlyList<string> files)
    {
        long check = 0;
        foreach (var f in files) check += Fold(File.ReadAllBytes(f));
        return check;
    }

    /// <summary>Touches every byte (a vectorised XOR), the same cost for ours and for the copy.</summary>
    private static long Fold(ReadOnlySpan<byte> bytes)
    {
        var vectors = MemoryMarshal.Cast<byte, Vector<ulong>>(bytes);
        var acc = Vector<ulong>.Zero;
        foreach (var v in vectors) acc ^= v;
        ulong result = 0;
        for (int i = 0; i < Vector<ulong>.Count; i++) result ^= acc[i];
        foreach (var b in bytes[(vectors.Length * Vector<byte>.Count)..]) result ^= b;
        return (long)(result & 0x7FFFFFFF) + bytes.Length;
    }
}

/// <summary>Seconds per pass of one tool, or why it did not run.</summary>
internal sealed record ResultRow(string Group, string Tool, double[]? Seconds, string? Error);
