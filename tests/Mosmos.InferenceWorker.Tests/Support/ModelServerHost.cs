using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Model.Registry;

namespace Mosmos.InferenceWorker.Tests.Support;

/// <summary>
/// The worker's model server, built with the same AddModelServer/MapModelServer as Program.cs, listening only
/// on its in-process Unix socket; the client is the real in-process <see cref="IModelClient"/>.
/// </summary>
internal sealed class ModelServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelServerHost(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }
    public IServiceProvider Services => _app.Services;
    public IModelClient Client => _app.Services.GetRequiredService<IModelClient>();
    public ModelRegistry Registry => _app.Services.GetRequiredService<ModelRegistry>();

    public static async Task<ModelServerHost> StartAsync(string registryPath, IDictionary<string, string?>? settings = null)
    {
        // Content root away from the build output: no appsettings.json, so no TCP endpoints are bound.
        var contentRoot = Directory.Exists(registryPath) ? registryPath : Path.GetTempPath();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        var configuration = new Dictionary<string, string?>
        {
            ["ModelServer:RegistryPath"] = registryPath,
            ["ModelServer:IntraOpThreads"] = "1",
            ["ModelServer:ReloadDebounceMilliseconds"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.AddModelServer(WorkerMode.Worker);
        var app = builder.Build();
        app.MapModelServer();
        await app.StartAsync();
        return new ModelServerHost(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
