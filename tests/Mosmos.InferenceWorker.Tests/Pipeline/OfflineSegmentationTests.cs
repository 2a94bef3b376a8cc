using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Seg;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Tests.Jobs;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Pipeline;

/// <summary>The <c>segment</c> mode: a folder of Part 10 files in, seg.dcm and sr.dcm out, no services.</summary>
public sealed class OfflineSegmentationTests
{
    [Fact]
    public async Task SegmentsAFolderIntoSegAndSrFiles()
    {
        using var work = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(work.Path, "in")).FullName;
        var series = new SyntheticCt();
        foreach (var (instance, i) in series.Build().Select((d, i) => (d, i)))
            DicomWriter.Write(Path.Combine(input, $"{i:D3}.dcm"), instance);
        File.WriteAllText(Path.Combine(input, "README.txt"), "not DICOM: skipped");
        var model = WorkerHost.WriteModel(work.Path);
        var output = Path.Combine(work.Path, "out");
        var logs = new CapturingLoggerProvider();

        await RunAsync(input, output, model, work.Path, TimeSpan.FromSeconds(60), logs);

        // The command's console: its own lines, not the in-process model server's per-request framework logs.
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Mosmos.", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("Microsoft.", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        var seg = DicomFile.Open(Path.Combine(output, "seg.dcm"));
        Assert.Equal(SegmentationSopClass.Segmentation, seg.Dataset.GetString(DicomTags.SopClassUid));
        Assert.Equal(series.StudyInstanceUid, seg.Dataset.GetString(DicomTags.StudyInstanceUid));
        var sr = DicomFile.Open(Path.Combine(output, "sr.dcm"));
        Assert.Equal("SR", sr.Dataset.GetString(DicomTags.Modality));
    }

    /// <summary>
    /// A MOSMOS model's attention output (here: the liver probability pooled over 2 × 4 × 4 blocks, divided by its
    /// maximum) becomes attention.dcm: a FRACTIONAL SEG on the source grid, one segment per tag, bright in the
    /// sphere, 0 (below the threshold) in the far corner, the tag's organ codes on its segment.
    /// </summary>
    [Fact]
    public async Task WritesTheAttentionOfAMosmosModelAsAFractionalSeg()
    {
        using var work = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(work.Path, "in")).FullName;
        var series = new SyntheticCt();
        var instances = series.Build();
        foreach (var (instance, i) in instances.Select((d, i) => (d, i)))
            DicomWriter.Write(Path.Combine(input, $"{i:D3}.dcm"), instance);
        var card = WorkerHost.Card() with { AttentionOutputName = "attention", Tags = ["liver"] };
        var model = TinyOnnx.Write(work.Path, "threshold.onnx",
            TinyOnnx.Build(([-10f, 10f], [0f, 0f]), ModelCardSerializer.Serialize(card), attentionPool: (2, 4, 4)));
        var output = Path.Combine(work.Path, "out");

        await RunAsync(input, output, model, work.Path, TimeSpan.FromSeconds(60));

        var file = DicomFile.Open(Path.Combine(output, "attention.dcm"));
        var attention = SegReader.Read(file);
        Assert.Equal(SegmentationType.Fractional, attention.Type);
        Assert.Equal(255, attention.MaximumFractionalValue);
        Assert.Equal("PROBABILITY", file.Dataset.GetString(DicomTags.SegmentationFractionalType));
        var segment = Assert.Single(attention.Segments);
        Assert.Equal(("Liver attention", "liver"), (segment.Label, segment.Organ?.Id));
        var organSeg = DicomFile.Open(Path.Combine(output, "seg.dcm")).Dataset;
        Assert.NotEqual(organSeg.GetString(DicomTags.SeriesInstanceUid), file.Dataset.GetString(DicomTags.SeriesInstanceUid));
        Assert.Equal(series.StudyInstanceUid, file.Dataset.GetString(DicomTags.StudyInstanceUid));

        var values = new byte[series.Size * series.Size];
        var middle = instances[series.Slices / 2].GetString(DicomTags.SopInstanceUid);
        attention.DecodeFractionalFrame(attention.Frames.Single(f => f.ReferencedSopInstanceUid == middle).Index, values);
        int centre = series.Size / 2 * series.Size + series.Size / 2;
        Assert.True(values[centre] >= 200, $"attention at the sphere's centre is {values[centre]}");
        Assert.Equal(0, values[0]);
        int peak = 0;
        foreach (var frame in attention.Frames)
        {
            attention.DecodeFractionalFrame(frame.Index, values);
            peak = Math.Max(peak, values.Max());
        }
        Assert.Equal(255, peak);
    }

    [Fact]
    public async Task WritesNoAttentionWhenTheCardNamesNoAttentionOutput()
    {
        using var work = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(work.Path, "in")).FullName;
        foreach (var (instance, i) in new SyntheticCt().Build().Select((d, i) => (d, i)))
            DicomWriter.Write(Path.Combine(input, $"{i:D3}.dcm"), instance);
        var model = TinyOnnx.Write(work.Path, "threshold.onnx",
            TinyOnnx.Build(([-10f, 10f], [0f, 0f]), ModelCardSerializer.Serialize(WorkerHost.Card() with { Tags = ["liver"] }), attentionPool: (2, 4, 4)));
        var output = Path.Combine(work.Path, "out");

        await RunAsync(input, output, model, work.Path, TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(Path.Combine(output, "seg.dcm")));
        Assert.False(File.Exists(Path.Combine(output, "attention.dcm")));
    }

    /// <summary><c>segment INPUT --out OUTPUT --model MODEL</c> on a host built the way the worker's Program builds it.</summary>
    internal static async Task RunAsync(string input, string output, string model, string contentRoot, TimeSpan timeout,
        CapturingLoggerProvider? logs = null)
    {
        var (mode, args) = WorkerCommandLine.Parse(["segment", input, "--out", output, "--model", model]);
        Assert.Equal(WorkerMode.Segment, mode);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ModelServer:IntraOpThreads"] = "1" });
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.AddModelServer(mode);
        builder.AddSegmentationJobs(mode);
        var app = builder.Build();
        app.MapModelServer();
        await app.RunAsync().WaitAsync(timeout);
    }
}
