using Mosmos.Dicom;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// At-least-once with idempotent output (DESIGN §5 "nothing lost"): a real worker process consuming from the real
/// RabbitMQ is killed with SIGKILL in the middle of a job; the broker redelivers the unacknowledged job to a second
/// worker process, which stores the same SEG and SR (UIDs from the idempotency key): one of each in Orthanc, one
/// SegmentationCompleted.
/// </summary>
[Collection(RabbitMqJobQueueGroup.Name)]
public sealed class KilledWorkerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _registry = new();
    private RabbitMqTestBus _bus = null!;

    public async Task InitializeAsync()
    {
        WorkerHost.WriteModel(_registry.Path);
        _bus = await RabbitMqTestBus.StartAsync();
    }

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task A_job_whose_worker_is_killed_mid_job_is_finished_once_by_the_next_worker()
    {
        // 160×160×48 at the threshold model's 16×16×8 patches: about 1,300 ModelInfer calls, seconds of inference.
        var series = new SyntheticCt { Size = 160, Slices = 48 };
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series);
        var settings = await _bus.WorkerSettingsAsync(_registry.Path);
        var dll = WorkerProcess.BuiltAssembly();

        await using (var first = WorkerProcess.Start(dll, settings))
        {
            await first.WaitUntilAsync(async () => await _bus.ConsumersAsync(SegmentSeriesConsumerDefinition.EndpointNameValue) == 1, Patience);
            await _bus.Bus.Publish(job);
            await first.WaitUntilAsync(() => Task.FromResult(_bus.Events.Started(job.JobId).Count == 1), Patience);
            await first.KillAsync();
            Assert.Equal(137, first.ExitCode);
        }
        Assert.Empty(_bus.Events.Completed(job.JobId));
        Assert.Empty(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));

        await using var second = WorkerProcess.Start(dll, settings);
        var completed = await _bus.Events.CompletedAsync(job.JobId, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(_bus.Events.Completed(job.JobId));
        Assert.Equal(2, _bus.Events.Started(job.JobId).Count);
        Assert.Empty(_bus.Events.Failed(job.JobId));
        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "seg-instance"), completed.SegSopInstanceUid);
        Assert.Equal(DicomUid.Derive(job.IdempotencyKey, "sr-instance"), completed.SrSopInstanceUid);
        Assert.Equal([completed.SegSopInstanceUid], await OrthancStudies.InstancesAsync(series.StudyInstanceUid, "SEG"));
        Assert.Equal([completed.SrSopInstanceUid], await OrthancStudies.InstancesAsync(series.StudyInstanceUid, "SR"));
        var liver = Assert.Single(completed.Organs);
        Assert.InRange(liver.VolumeMl, SyntheticCt.SphereMl * 0.75, SyntheticCt.SphereMl * 1.25);
    }
}
