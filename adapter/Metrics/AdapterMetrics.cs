using System.Diagnostics.Metrics;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Jobs;

namespace Mosmos.Adapter.Metrics;

/// <summary>
/// The adapter's instruments (meter <c>Mosmos.Adapter</c>): jobs by state, dispatches, queue latency (queued →
/// started), end-to-end latency (created → finished) and change-feed lag. Exported by OpenTelemetry.
/// </summary>
public sealed class AdapterMetrics : IDisposable
{
    public const string MeterName = "Mosmos.Adapter";
    private readonly Meter _meter;
    private readonly Counter<long> _dispatched;
    private readonly Histogram<double> _queueLatency;
    private readonly Histogram<double> _endToEnd;
    private IReadOnlyDictionary<JobState, int> _states = new Dictionary<JobState, int>();

    // Seconds from a fraction of one (a queue that is empty) to an hour (a backlog); OpenTelemetry's default buckets are for milliseconds.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600],
    };

    public AdapterMetrics(FeedStatus feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        // A process-wide meter, not one from the host's IMeterFactory: in two CI runs the /metrics of a freshly started
        // adapter lacked every meter its IMeterFactory had created before start (ours, ASP.NET Core's Hosting and
        // Kestrel) while showing the process-wide ones (runtime, HttpClient, MassTransit) and the factory meters made
        // later (authentication, routing). One adapter runs per process; the meter is disposed with the service.
        // (Those CI runs were tests: see tests/Mosmos.Adapter.Tests/AdapterStackGroup.cs for what removed the meters.)
        _meter = new Meter(MeterName);
        _dispatched = _meter.CreateCounter<long>("mosmos.adapter.jobs.dispatched", "{job}", "Jobs published to the bus");
        _queueLatency = _meter.CreateHistogram("mosmos.adapter.jobs.queue_latency", "s", "Time from publish to a worker starting the job",
            tags: null, advice: Seconds);
        _endToEnd = _meter.CreateHistogram("mosmos.adapter.jobs.end_to_end_latency", "s", "Time from dispatch to SEG and SR stored",
            tags: null, advice: Seconds);
        _meter.CreateObservableGauge("mosmos.adapter.jobs", () =>
            _states.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("state", s.Key.ToString()))), "{job}", "Jobs by state");
        _meter.CreateObservableGauge("mosmos.adapter.cursor.lag", () => feed.Lag, "{item}",
            "Work known beyond the cursor: changes not yet read (Orthanc source) or studies waiting to be stable (DicomWeb source)");
        _meter.CreateObservableGauge("mosmos.adapter.cursor", () => feed.Cursor, "{item}",
            "The source cursor: a change sequence number (Orthanc) or the oldest StudyDate still open, YYYYMMDD (DicomWeb)");
    }

    public void Dispatched() => _dispatched.Add(1);

    public void Started(JobRecord job, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.QueuedAt is { } queued) _queueLatency.Record((startedAt - queued).TotalSeconds);
    }

    public void Finished(JobRecord job, DateTimeOffset finishedAt, bool completed)
    {
        ArgumentNullException.ThrowIfNull(job);
        _endToEnd.Record((finishedAt - job.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed"));
    }

    /// <summary>Observable gauges must not query the database; the refresher hands them a snapshot.</summary>
    public void UpdateStates(IReadOnlyDictionary<JobState, int> states) => _states = states;

    public void Dispose() => _meter.Dispose();
}

/// <summary>Refreshes the jobs-by-state snapshot every few seconds.</summary>
public sealed class JobStateSampler(IJobStore store, AdapterMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                metrics.UpdateStates(await store.CountByStateAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (System.Data.Common.DbException)
            {
                // A locked or missing table skips one sample; the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
