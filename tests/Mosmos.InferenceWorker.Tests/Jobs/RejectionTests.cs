using MassTransit;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Tests.Pipeline;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>Every rejection reason from a crafted study: SegmentationFailed at once with that reason, and no retry.</summary>
[Collection(InMemoryWorkerGroup.Name)]
public sealed class RejectionTests(InMemoryWorkerFixture fixture)
{
    public static TheoryData<string, FailureReason> Cases => new()
    {
        { "too-few-slices", FailureReason.TooFewSlices },
        { "irregular-spacing", FailureReason.IrregularSpacing },
        { "gantry-tilt", FailureReason.GantryTilt },
        { "mr-series", FailureReason.UnsupportedModality },
        { "no-pixel-data", FailureReason.Undecodable },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CraftedStudyIsRejectedWithItsReason(string study, FailureReason reason)
    {
        var series = study switch
        {
            "too-few-slices" => new SyntheticCt { Slices = 4 },
            "irregular-spacing" => new SyntheticCt { GapAfter = 8 },
            "gantry-tilt" => new SyntheticCt { TiltShiftMm = 0.5 },
            "mr-series" => new SyntheticCt { Modality = "MR", SopClassUid = SyntheticCt.MrImageStorage },
            _ => new SyntheticCt { WithPixelData = false },
        };
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series);

        await fixture.Worker.Bus.Publish(job);
        var failed = await fixture.Worker.Events.FailedAsync(job.JobId);

        Assert.Equal(reason, failed.Reason);
        Assert.Equal(1, failed.Attempt);
        Assert.False(string.IsNullOrWhiteSpace(failed.Message));
        Assert.DoesNotContain("MOSMOS-SYN-1", failed.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(fixture.Worker.Events.Started(job.JobId));
        Assert.Empty(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));
    }

    [Fact]
    public async Task A_series_larger_than_the_source_may_answer_fails_at_once_naming_the_limit()
    {
        // 160×160 slices: a frame of 50 KiB, over the 16 KiB limit of the "small-responses" source (metadata stays under it).
        var series = new SyntheticCt { Size = 160, Slices = 12 };
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series, source: "small-responses");

        await fixture.Worker.Bus.Publish(job);
        var failed = await fixture.Worker.Events.FailedAsync(job.JobId);

        Assert.Equal(FailureReason.SourceUnavailable, failed.Reason);
        Assert.Equal(1, failed.Attempt);
        Assert.Contains($"limit of {InMemoryWorkerFixture.SmallResponseLimit} bytes", failed.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBytes", failed.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(fixture.Worker.Events.Started(job.JobId));
        Assert.Empty(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));
    }
}
