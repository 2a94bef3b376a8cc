using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
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

        await RunAsync(input, output, model, work.Path, TimeSpan.FromSeconds(60));

        var seg = DicomFile.Open(Path.Combine(output, "seg.dcm"));
        Assert.Equal(SegmentationSopClass.Segmentation, seg.Dataset.GetString(DicomTags.SopClassUid));
        Assert.Equal(series.StudyInstanceUid, seg.Dataset.GetString(DicomTags.StudyInstanceUid));
        var sr = DicomFile.Open(Path.Combine(output, "sr.dcm"));
        Assert.Equal("SR", sr.Dataset.GetString(DicomTags.Modality));
    }

    /// <summary><c>segment INPUT --out OUTPUT --model MODEL</c> on a host built the way the worker's Program builds it.</summary>
    internal static async Task RunAsync(string input, string output, string model, string contentRoot, TimeSpan timeout)
    {
        var (mode, args) = WorkerCommandLine.Parse(["segment", input, "--out", output, "--model", model]);
        Assert.Equal(WorkerMode.Segment, mode);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ModelServer:IntraOpThreads"] = "1" });
        builder.Logging.ClearProviders();
        builder.AddModelServer(mode);
        builder.AddSegmentationJobs(mode);
        var app = builder.Build();
        app.MapModelServer();
        await app.RunAsync().WaitAsync(timeout);
    }
}
