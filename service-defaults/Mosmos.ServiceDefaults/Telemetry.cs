using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mosmos.ServiceDefaults;

/// <summary>OpenTelemetry logs, metrics and traces, exported over OTLP only when an endpoint is configured.</summary>
public static class Telemetry
{
    /// <summary>Prefix of every MOSMOS ActivitySource and Meter; subscribed to with a wildcard.</summary>
    public const string SourcePrefix = "Mosmos";

    /// <summary>The standard OpenTelemetry variable; without it no exporter is added and nothing leaves the process.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourcePrefix + ".*"))
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + ".*")
                // Probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !HealthEndpoints.IsHealthPath(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}
