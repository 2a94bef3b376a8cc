using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers; only checks tagged <see cref="LiveTag"/>) and <c>/readyz</c>
/// (readiness: every registered check, e.g. a model loaded). Mapped in every environment, because orchestrators
/// probe production, not development.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string LiveTag = "live";

    public static IHealthChecksBuilder AddLivenessCheck(this IHealthChecksBuilder checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = _ => true });
        return app;
    }

    public static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments(LivePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ReadyPath, StringComparison.OrdinalIgnoreCase);
}
