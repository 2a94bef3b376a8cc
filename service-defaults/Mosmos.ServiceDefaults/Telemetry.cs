using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosmos.ServiceDefaults.Tracing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// OpenTelemetry logs, metrics and traces. Spans leave the process only where configured: over OTLP when
/// <see cref="OtlpEndpointKey"/> is set, as JSON lines into a file when <see cref="TraceFileKey"/> is set.
/// </summary>
public static class Telemetry
{
    /// <summary>Prefix of every MOSMOS ActivitySource and Meter; subscribed to with a wildcard.</summary>
    public const string SourcePrefix = "Mosmos";

    /// <summary>
    /// MassTransit's ActivitySource and Meter (its <c>DiagnosticHeaders.DefaultListenerName</c>): send, publish,
    /// receive and consume spans, whose trace context travels in the message headers (W3C <c>traceparent</c>),
    /// so one trace follows a study from the adapter through the broker into the worker.
    /// </summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>The standard OpenTelemetry variable; without it no OTLP exporter is added.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Configuration key of a file that receives every finished span as one JSON line (<see cref="JsonLinesSpanExporter"/>).</summary>
    public const string TraceFileKey = "Telemetry:TraceFile";

    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var traceFile = builder.Configuration[TraceFileKey];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourcePrefix + ".*")
                .AddMeter(MassTransitSource)
                // Pull as well as push: /metrics (MetricsEndpoint) renders the Prometheus text format on each scrape.
                .AddPrometheusExporter(o => o.TargetInfoEnabled = false))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(SourcePrefix + ".*")
                    .AddSource(MassTransitSource)
                    // Probes every few seconds would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !HealthEndpoints.IsHealthPath(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(traceFile))
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(traceFile)));
            });

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}
