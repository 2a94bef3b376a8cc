using System.Collections.Concurrent;
using MassTransit;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// The job events a worker published, collected from an endpoint on its bus: a temporary one by default, or a
/// durable queue of the given name, which keeps the events published while the test's own connection is down (a
/// temporary queue dies with a broker restart, and what is published before it is declared again is lost).
/// </summary>
internal sealed class JobEvents
{
    private readonly ConcurrentQueue<object> _events = new();

    public static async Task<JobEvents> ConnectAsync(IBus bus, string? durableQueue = null)
    {
        var events = new JobEvents();
        void Handlers(IReceiveEndpointConfigurator e)
        {
            e.Handler<SegmentationStarted>(c => events.Add(c.Message));
            e.Handler<SegmentationCompleted>(c => events.Add(c.Message));
            e.Handler<SegmentationFailed>(c => events.Add(c.Message));
        }
        var handle = durableQueue is null
            ? bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance, Handlers)
            : bus.ConnectReceiveEndpoint(durableQueue, Handlers);
        await handle.Ready;
        return events;
    }

    public IReadOnlyList<SegmentationStarted> Started(Guid jobId) => _events.OfType<SegmentationStarted>().Where(e => e.JobId == jobId).ToList();

    public IReadOnlyList<SegmentationCompleted> Completed(Guid jobId) => _events.OfType<SegmentationCompleted>().Where(e => e.JobId == jobId).ToList();

    public IReadOnlyList<SegmentationFailed> Failed(Guid jobId) => _events.OfType<SegmentationFailed>().Where(e => e.JobId == jobId).ToList();

    public Task<SegmentationCompleted> CompletedAsync(Guid jobId, TimeSpan? timeout = null) =>
        WaitAsync<SegmentationCompleted>(e => e.JobId == jobId, jobId, timeout);

    public Task<SegmentationFailed> FailedAsync(Guid jobId, TimeSpan? timeout = null) =>
        WaitAsync<SegmentationFailed>(e => e.JobId == jobId, jobId, timeout);

    private async Task<T> WaitAsync<T>(Func<T, bool> match, Guid jobId, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_events.OfType<T>().FirstOrDefault(match) is { } found)
                return found;
            if (typeof(T) != typeof(SegmentationFailed) && Failed(jobId) is [var failed, ..])
                throw new InvalidOperationException($"job {jobId} failed instead: {failed.Reason}: {failed.Message}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {typeof(T).Name} for job {jobId}; events: {string.Join("; ", _events.Select(e => e.ToString()))}");
    }

    private Task Add(object message)
    {
        _events.Enqueue(message);
        return Task.CompletedTask;
    }
}
