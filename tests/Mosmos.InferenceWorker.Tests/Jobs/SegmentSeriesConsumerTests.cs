using MassTransit;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.InferenceWorker.Tests.Pipeline;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>End to end on the in-memory bus against the real Orthanc: job in, SEG + SR stored, events out.</summary>
[Collection(InMemoryWorkerGroup.Name)]
public sealed class SegmentSeriesConsumerTests(InMemoryWorkerFixture fixture)
{
    private WorkerHost Worker => fixture.Worker;

    [Fact]
    public async Task SegmentsTheSphereAndStoresSegAndSr()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series);

        await Worker.Bus.Publish(job);
        var completed = await Worker.Events.CompletedAsync(job.JobId);

        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "seg-instance"), completed.SegSopInstanceUid);
        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "sr-instance"), completed.SrSopInstanceUid);
        Assert.Null(completed.SupersedesKey);
        var liver = Assert.Single(completed.Organs);
        Assert.Equal("liver", liver.OrganId);
        Assert.InRange(liver.VolumeMl, SyntheticCt.SphereMl * 0.75, SyntheticCt.SphereMl * 1.25);
        Assert.InRange(liver.MeanHu!.Value, 150, 200);
        Assert.Contains(completed.Timings, t => t.Stage == "inference");
        Assert.Contains(completed.Timings, t => t.Stage == "store");
        var seg = Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));
        Assert.Equal(1, seg.Instances);
        Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SR"));
        Assert.Equal(1, Assert.Single(Worker.Events.Started(job.JobId)).Attempt);
    }

    [Fact]
    public async Task RedeliveredJobRewritesTheSameSegAndSr()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var first = WorkerHost.Job(series);
        var again = first with { JobId = Guid.NewGuid() };

        await Worker.Bus.Publish(first);
        var one = await Worker.Events.CompletedAsync(first.JobId);
        await Worker.Bus.Publish(again);
        var two = await Worker.Events.CompletedAsync(again.JobId);

        Assert.Equal(one.SegSopInstanceUid, two.SegSopInstanceUid);
        Assert.Equal(one.SrSopInstanceUid, two.SrSopInstanceUid);
        Assert.Equal(1, Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG")).Instances);
        Assert.Equal(1, Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SR")).Instances);
    }

    [Fact]
    public async Task SupersedingResultSaysSoInItsSeriesDescription()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series, supersedes: $"{series.SeriesInstanceUid}|older|{WorkerHost.ModelId}");

        await Worker.Bus.Publish(job);
        var completed = await Worker.Events.CompletedAsync(job.JobId);

        Assert.Equal(job.SupersedesKey, completed.SupersedesKey);
        var seg = Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));
        Assert.Contains("supersedes", seg.Description, StringComparison.Ordinal);
        var sr = Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SR"));
        Assert.Contains("supersedes", sr.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientSourceFailuresAreRetriedImmediatelyThenComplete()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series, source: "flaky2");

        await Worker.Bus.Publish(job);
        await Worker.Events.CompletedAsync(job.JobId);

        Assert.Equal([1, 2, 3], Worker.Events.Started(job.JobId).Select(s => s.Attempt).Order());
        Assert.Empty(Worker.Events.Failed(job.JobId));
    }

    [Fact]
    public async Task AfterTheImmediateRetriesTheJobIsRedeliveredLater()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series, source: "flaky3");

        await Worker.Bus.Publish(job);
        await Worker.Events.CompletedAsync(job.JobId);

        var attempts = Worker.Events.Started(job.JobId).OrderBy(s => s.Attempt).ToList();
        Assert.Equal([1, 2, 3, 4], attempts.Select(s => s.Attempt));
        Assert.True(attempts[3].StartedAt - attempts[2].StartedAt >= TimeSpan.FromSeconds(0.9), "the redelivery waited its delay");
        Assert.Empty(Worker.Events.Failed(job.JobId));
        Assert.Contains(Worker.Logs.Entries, e => e.EventId.Id == 3105);
    }
}
