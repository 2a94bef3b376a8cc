using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Mosmos.Contracts;

namespace Mosmos.Benchmarks.Adapter;

/// <summary>
/// Stands where the workers stand: a durable queue bound to <see cref="SegmentSeries"/> on the real RabbitMQ. Records
/// when each study's first job arrived and how many messages came in all (more messages than studies = duplicates).
/// </summary>
internal sealed class DispatchedJobs : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);
    private long _messages;

    private DispatchedJobs(IBusControl bus) => _bus = bus;

    public long Messages => Interlocked.Read(ref _messages);

    public int Studies => _firstArrival.Count;

    public static async Task<DispatchedJobs> StartAsync(string host, int port, string virtualHost, string user, string password)
    {
        DispatchedJobs? jobs = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(host, (ushort)port, virtualHost, h => { h.Username(user); h.Password(password); });
            cfg.ReceiveEndpoint("bench-segment-series", e =>
            {
                e.PurgeOnStartup = true;
                e.PrefetchCount = 200;
                e.Handler<SegmentSeries>(context =>
                {
                    Interlocked.Increment(ref jobs!._messages);
                    jobs._firstArrival.TryAdd(context.Message.StudyInstanceUid, Stopwatch.GetTimestamp());
                    return Task.CompletedTask;
                });
            });
        });
        jobs = new DispatchedJobs(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return jobs;
    }

    /// <summary>Stopwatch timestamp of the first job of the study, if one arrived.</summary>
    public long? ArrivalOf(string studyUid) => _firstArrival.TryGetValue(studyUid, out var at) ? at : null;

    public int CountOf(IEnumerable<string> studies) => studies.Count(_firstArrival.ContainsKey);

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
