using Mosmos.Dicom;
using Mosmos.Dicom.Seg;

namespace Mosmos.Benchmarks.Seg;

/// <summary>
/// <c>./mosmos bench seg</c>: a 15-organ label map of 512×512×300 encoded into a BINARY SEG and decoded again by
/// Mosmos.Dicom (dicom/Seg) and by dcmjs in the same run, on the same label map and CT series
/// (<see cref="SegBenchData"/>). Both round trips are checked voxel for voxel before anything is timed.
/// </summary>
internal static class SegBenchmark
{
    public static readonly SegmentationAlgorithm Algorithm = new("MOSMOS benchmark", "1");

    public static int Run(BenchOptions options)
    {
        string machine = Machine.Describe();
        var data = SegBenchData.Prepare(options.Root);
        var writer = new SegWriterOptions { UidKey = "mosmos-bench-seg", Algorithm = Algorithm };
        var slices = File.ReadAllLines(data.SlicesFile).Select(File.ReadAllBytes).ToArray();
        var stream = new MemoryStream();

        long EncodeAndWrite(SourceSeries source)
        {
            var seg = SegWriter.Encode(data.Labels, source, data.Segments, writer)!;
            stream.SetLength(0);
            DicomWriter.Write(stream, seg.Dataset);
            return stream.Length;
        }
        ReadOnlyMemory<byte> Written() => stream.GetBuffer().AsMemory(0, (int)stream.Length);
        long Decode()
        {
            var seg = SegReader.Read(DicomFile.Read(Written()), new SegReadOptions { LabelValues = LabelValues(data) });
            var result = seg.ToLabelMap(data.Source);
            return result.FramesByReference + result.OverlapVoxels;
        }

        var first = SegWriter.Encode(data.Labels, data.Source, data.Segments, writer)!;
        long packed = first.Dataset.GetBytes(DicomTags.PixelData).Length;
        EncodeAndWrite(data.Source);
        CheckRoundTrip(data, Written());

        var rows = new List<SegRow>
        {
            new("encode", "Mosmos.Dicom: SegWriter.Encode (label map → SEG data set, frames packed)", SegTiming.Passes(options.Runs, () => SegWriter.Encode(data.Labels, data.Source, data.Segments, writer)!.NumberOfFrames)),
            new("encode", "Mosmos.Dicom: SegWriter.Encode + DicomWriter.Write (Part 10 bytes)", SegTiming.Passes(options.Runs, () => EncodeAndWrite(data.Source))),
            new("encode", "Mosmos.Dicom: from the CT Part 10 bytes: 300 headers read + SourceSeriesBuilder + Encode + Write", SegTiming.Passes(options.Runs, () =>
                EncodeAndWrite(SourceSeriesBuilder.FromSlices(slices.Select(b => DicomFile.Read(b, new DicomReadOptions { StopBeforePixelData = true }).Dataset).ToList())))),
            new("decode", "Mosmos.Dicom: DicomFile.Read + SegReader.Read + ToLabelMap (SEG bytes → label map)", SegTiming.Passes(options.Runs, Decode)),
        };
        var memory = new SegMemory(
            Packed: packed,
            Encode: Allocated(() => SegWriter.Encode(data.Labels, data.Source, data.Segments, writer)),
            EncodeAndWrite: Allocated(() => EncodeAndWrite(data.Source)),
            Decode: Allocated(() => Decode()),
            LabelMap: data.Labels.Voxels.Length);
        var peer = options.Peers ? SegPeer.Run(options, data) : null;
        var report = new SegReport(options, machine, data, first, rows, memory, peer);
        var body = report.ToMarkdown();
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), "SEG encode and decode", body);
        return 0;
    }

    /// <summary>Segment number n → the label value it was written from, so the decoded map equals the input.</summary>
    private static Dictionary<int, byte> LabelValues(SegBenchData data) =>
        data.Segments.Select((s, i) => (Number: i + 1, s.LabelValue)).ToDictionary(p => p.Number, p => p.LabelValue);

    private static void CheckRoundTrip(SegBenchData data, ReadOnlyMemory<byte> bytes)
    {
        var seg = SegReader.Read(DicomFile.Read(bytes), new SegReadOptions { LabelValues = LabelValues(data) });
        if (!seg.ToLabelMap(data.Source).Labels.Voxels.AsSpan().SequenceEqual(data.Labels.Voxels))
            throw new InvalidOperationException("the SEG read back differs from the label map it was written from");
    }

    /// <summary>Bytes allocated on the managed heap by all threads during one call (warm: the passes ran before).</summary>
    private static long Allocated(Action action)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}

internal sealed record SegRow(string Group, string Tool, SegTimes? Times, string? Error = null);

/// <summary>Managed bytes allocated per call, against the packed Pixel Data and the label map (input) sizes.</summary>
internal sealed record SegMemory(long Packed, long Encode, long EncodeAndWrite, long Decode, long LabelMap);
