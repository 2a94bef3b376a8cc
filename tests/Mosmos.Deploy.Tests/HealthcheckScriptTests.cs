using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Mosmos.ServiceDefaults;
using Mosmos.Testing;

namespace Mosmos.Deploy.Tests;

/// <summary>
/// deploy/healthcheck.sh, the images' probe, against a real Kestrel serving the service-defaults health endpoints:
/// 200 → exit 0, 503 → exit 1, nothing listening → exit 1, a URL it cannot probe → exit 2.
/// </summary>
public sealed class HealthcheckScriptTests : IAsyncLifetime
{
    private WebApplication? _app;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        builder.Services.AddHealthChecks().AddLivenessCheck().AddCheck("model", () => HealthCheckResult.Unhealthy("no model"));
        _app = builder.Build();
        _app.MapHealthEndpoints();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_healthy_endpoint_passes()
    {
        var (code, _) = await Probe($"http://127.0.0.1:{_port}{HealthEndpoints.LivePath}");
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task An_unhealthy_endpoint_fails_with_its_status()
    {
        var (code, error) = await Probe($"http://127.0.0.1:{_port}{HealthEndpoints.ReadyPath}");
        Assert.Equal(1, code);
        Assert.Contains("503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_fails()
    {
        var (code, error) = await Probe($"http://127.0.0.1:{FreePort()}/healthz");
        Assert.Equal(1, code);
        Assert.Contains("cannot connect", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://127.0.0.1:8080/healthz")]
    public async Task A_url_it_cannot_probe_is_a_usage_error(string url)
    {
        var (code, error) = await Probe(url);
        Assert.Equal(2, code);
        Assert.Contains("usage", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> Probe(string url)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.Combine("deploy", "healthcheck.sh"));
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
