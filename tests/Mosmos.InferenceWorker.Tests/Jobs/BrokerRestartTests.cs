using Mosmos.Dicom;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// Issue 8, "RabbitMQ restarted while jobs are queued → none lost": a worker process runs one job while the others wait
/// in its durable queue on a RabbitMQ of this test alone; the broker is stopped and started again. The queued jobs
/// survive the restart (durable queue, persistent messages), the job that was running when the connection dropped is
/// redelivered, the worker reconnects by itself, and every job ends with exactly one SEG and one SR in Orthanc and no
/// failure.
/// </summary>
public sealed class BrokerRestartTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly TempDirectory _registry = new();
    private PrivateService _rabbit = null!;
    private RabbitMqTestBus _bus = null!;

    public async Task InitializeAsync()
    {
        WorkerHost.WriteModel(_registry.Path);
        _rabbit = await PrivateService.RabbitMqAsync();
        // The test's events must outlive the restart too: the worker may report a job done before this connection is back.
        _bus = await RabbitMqTestBus.StartAsync(_rabbit.RabbitMq, durableEventsQueue: "broker-restart-test-events");
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _rabbit.DisposeAsync();
    }

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task Jobs_queued_while_the_broker_restarts_are_each_completed_once()
    {
        // 160×160×48 at the threshold model's 16×16×8 patches: seconds of inference per job, so the others wait.
        var series = Enumerable.Range(0, 3).Select(_ => new SyntheticCt { Size = 160, Slices = 48 }).ToList();
        foreach (var s in series)
            await OrthancStudies.UploadAsync(s);
        var jobs = series.Select(s => WorkerHost.Job(s)).ToList();
        string queue = SegmentSeriesConsumerDefinition.EndpointNameValue;

        await using var worker = WorkerProcess.Start(WorkerProcess.BuiltAssembly(), await _bus.WorkerSettingsAsync(_registry.Path));
        await worker.WaitUntilAsync(async () => (await _bus.QueueAsync(queue)).Consumers == 1, Patience);
        foreach (var job in jobs)
            await _bus.Bus.Publish(job);
        await worker.WaitUntilAsync(() => Task.FromResult(_bus.Events.Started(jobs[0].JobId).Count == 1), Patience);
        var (waiting, _) = await _bus.QueueAsync(queue);
        Assert.True(waiting >= 1, "no job was waiting in the broker when it was stopped");

        await _rabbit.StopAsync();
        await _rabbit.StartAsync();

        foreach (var job in jobs)
            await _bus.Events.CompletedAsync(job.JobId, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(worker.HasExited, $"the worker exited:\n{worker.Tail()}");
        foreach (var (job, s) in jobs.Zip(series))
        {
            Assert.Empty(_bus.Events.Failed(job.JobId));
            Assert.Equal([DicomUid.Derive(job.IdempotencyKey, "seg-instance")], await OrthancStudies.InstancesAsync(s.StudyInstanceUid, "SEG"));
            Assert.Equal([DicomUid.Derive(job.IdempotencyKey, "sr-instance")], await OrthancStudies.InstancesAsync(s.StudyInstanceUid, "SR"));
        }
        Assert.Equal((0u, 1u), await _bus.QueueAsync(queue));
    }
}
