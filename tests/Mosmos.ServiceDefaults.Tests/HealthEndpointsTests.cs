using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mosmos.ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Liveness_ignores_readiness_checks_and_readiness_runs_them_all()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("models", () => HealthCheckResult.Unhealthy("no model loaded yet"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Urls.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var live = await http.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative));
        var ready = await http.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        await app.StopAsync();
    }
}
