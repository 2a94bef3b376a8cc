using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Loads the registry before the server starts taking requests and watches it while the host runs.
/// </summary>
internal sealed class ModelRegistryHost(ModelRegistry registry, IOptions<ModelServerOptions> options, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private RegistryWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.LoadAll();
        if (options.Value.WatchRegistry)
            _watcher = new RegistryWatcher(registry, options, loggers.CreateLogger<RegistryWatcher>());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
    }
}
