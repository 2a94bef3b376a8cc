using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>Readiness (<c>/readyz</c>): the registry was scanned and serves at least one model.</summary>
internal sealed class ModelsReadyCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.IsReady
            ? HealthCheckResult.Healthy($"{registry.Models.Count} model(s) loaded")
            : HealthCheckResult.Unhealthy("no model loaded yet"));
}
