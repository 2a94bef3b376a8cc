using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// The wiring every MOSMOS service shares (STYLE habit 2): telemetry and health checks on the builder, the
/// health and metrics endpoints on the app. A service's Program.cs calls <see cref="AddServiceDefaults"/> first and
/// <see cref="MapDefaultEndpoints"/> last.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTelemetry();
        builder.Services.AddHealthChecks().AddLivenessCheck();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
