using MassTransit;
using Mosmos.Dicom;
using Mosmos.InferenceWorker.Tests.Pipeline;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>A MOSMOS model's job: the attention SEG is stored beside the organ SEG and SR, and the event names it.</summary>
public sealed class AttentionJobTests
{
    [Fact]
    public async Task StoresTheAttentionSegBesideTheOrganSegAndNamesItInTheEvent()
    {
        await using var worker = await WorkerHost.StartAsync(
            new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" }, new Dictionary<string, int>(), model: WorkerHost.AttentionModel());
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series);

        await worker.Bus.Publish(job);
        var completed = await worker.Events.CompletedAsync(job.JobId);

        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "seg-instance"), completed.SegSopInstanceUid);
        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "seg-fractional-instance"), completed.AttentionSegSopInstanceUid);
        Assert.Contains(completed.Timings, t => t.Stage == "attention");
        var segs = await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG");
        Assert.Equal(["MOSMOS attention maps", "MOSMOS organ segmentation"], segs.Select(s => s.Description).Order(StringComparer.Ordinal));
        Assert.All(segs, s => Assert.Equal(1, s.Instances));
        Assert.Contains(completed.AttentionSegSopInstanceUid!, await OrthancStudies.InstancesAsync(series.StudyInstanceUid, "SEG"));
        Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SR"));
    }

    /// <summary>
    /// Turned off, over its size budget (with a warning naming the setting), or limited to tags the model does not
    /// have: no attention SEG, and the organ SEG and SR are written as usual.
    /// </summary>
    [Theory]
    [InlineData("Pipeline:WriteAttention", "false", null)]
    [InlineData("Pipeline:MaxAttentionBytes", "1024", "Pipeline:MaxAttentionBytes (1024)")]
    [InlineData("Pipeline:AttentionTags:0", "spleen", null)]
    public async Task WritesNoAttentionSegWhenToldNotToOrWhenItIsTooLarge(string setting, string value, string? warning)
    {
        await using var worker = await WorkerHost.StartAsync(
            new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory", [setting] = value },
            new Dictionary<string, int>(), model: WorkerHost.AttentionModel());
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series);

        await worker.Bus.Publish(job);
        var completed = await worker.Events.CompletedAsync(job.JobId);

        Assert.Null(completed.AttentionSegSopInstanceUid);
        Assert.Single(completed.Organs);
        Assert.Equal("MOSMOS organ segmentation", Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG")).Description);
        if (warning is not null)
            Assert.Contains(worker.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains(warning, StringComparison.Ordinal));
    }
}
