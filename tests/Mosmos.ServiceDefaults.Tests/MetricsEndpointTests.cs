using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mosmos.ServiceDefaults.Tests;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task A_service_without_authentication_serves_its_meters_in_the_prometheus_format_to_loopback()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Mosmos.MetricsTest");
        var counter = meter.CreateCounter<long>("mosmos.test.studies", "{study}", "Studies seen");
        var histogram = meter.CreateHistogram("mosmos.test.wait", "s", "Waits", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10] });
        counter.Add(3, new KeyValuePair<string, object?>("state", "queued"));
        histogram.Record(0.5);
        histogram.Record(5);
        histogram.Record(50);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var response = await http.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        var studies = Assert.Single(samples, s => s.Name == "mosmos_test_studies_total");
        Assert.Equal(3, studies.Value);
        Assert.Equal("queued", studies.Label("state"));
        var buckets = samples.Where(s => s.Name == "mosmos_test_wait_seconds_bucket").ToDictionary(s => s.Label("le")!, s => s.Value);
        Assert.Equal(1, buckets["1"]);
        Assert.Equal(2, buckets["10"]);
        Assert.Equal(3, buckets["+Inf"]);
        Assert.Equal(55.5, Assert.Single(samples, s => s.Name == "mosmos_test_wait_seconds_sum").Value, 6);
        Assert.DoesNotContain(samples, s => s.Name == "target_info");
        await app.StopAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.10.0.3", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("fe80::1", false)]
    public async Task Without_authentication_only_loopback_callers_are_answered(string address, bool answered)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        bool reached = false;

        await MetricsEndpoint.RefuseRemoteAsync(context, () => { reached = true; return Task.CompletedTask; });

        Assert.Equal(answered, reached);
        Assert.Equal(answered ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("1 2", true)]
    [InlineData("# TYPE x gauge\nx{a=\"1} 2", true)]
    [InlineData("# TYPE x gauge\nx{a=1} 2", true)]
    [InlineData("# TYPE x gauge\nx 2 3 4", true)]
    [InlineData("x 2", true)]
    [InlineData("# TYPE x gauge\nx{a=\"q\\\"\"} 2", false)]
    public void The_parser_refuses_what_prometheus_would_refuse(string text, bool refused)
    {
        if (refused) Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
        else PrometheusText.Parse(text);
    }
}
