using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mosmos.Adapter.Changes;

/// <summary>The poller's view of its source, shared with the readiness check and the metrics.</summary>
public sealed class FeedStatus : IHealthCheck
{
    private volatile string? _problem;

    public long Cursor { get; set; }

    /// <summary>Changes beyond the cursor: Orthanc's newest sequence number minus the cursor (0 when the last page said Done).</summary>
    public long Lag { get; set; }

    public void Healthy() => _problem = null;

    public void Degraded(string problem) => _problem = problem;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem is null
            ? HealthCheckResult.Healthy($"following changes, cursor {Cursor}")
            : HealthCheckResult.Degraded("source unavailable: " + _problem));
}
