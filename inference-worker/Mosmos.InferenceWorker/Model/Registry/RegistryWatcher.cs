using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Reloads a model when its <c>.onnx</c>, its <c>.sha256</c> or the registry's <c>SHA256SUMS</c> changes, and
/// removes it when its file is deleted. Events are debounced: a copy shows up as several writes, and the model
/// file and its digest are rarely replaced in the same instant. A refused reload keeps the serving model.
/// </summary>
internal sealed class RegistryWatcher : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly ILogger<RegistryWatcher> _logger;
    private readonly string _directory;
    private readonly string? _onlyFile;
    private readonly TimeSpan _debounce;
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private readonly FileSystemWatcher _watcher;
    private volatile bool _disposed;

    public RegistryWatcher(ModelRegistry registry, IOptions<ModelServerOptions> options, ILogger<RegistryWatcher> logger)
    {
        _registry = registry;
        _logger = logger;
        var root = Path.GetFullPath(options.Value.RegistryPath);
        _onlyFile = File.Exists(root) ? root : null;
        _directory = _onlyFile is null ? root : Path.GetDirectoryName(root)!;
        _debounce = TimeSpan.FromMilliseconds(options.Value.ReloadDebounceMilliseconds);
        _timer = new Timer(_ => Flush());
        _watcher = new FileSystemWatcher(_directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += (_, e) => OnEvent(e.FullPath);
        _watcher.Created += (_, e) => OnEvent(e.FullPath);
        _watcher.Deleted += (_, e) => OnEvent(e.FullPath);
        _watcher.Renamed += (_, e) => { OnEvent(e.OldFullPath); OnEvent(e.FullPath); };
        _watcher.Error += (_, e) => ModelLog.WatcherFailed(_logger, e.GetException());
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _disposed = true;
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void OnEvent(string path)
    {
        if (_disposed)
            return;
        if (Path.GetFileName(path) == Sha256Digests.IndexFileName)
        {
            foreach (var model in _registry.Models)
                _pending[model.File] = true;
        }
        else
        {
            var modelFile = path.EndsWith(Sha256Digests.SidecarExtension, StringComparison.Ordinal)
                ? path[..^Sha256Digests.SidecarExtension.Length]
                : path;
            if (!modelFile.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                return;
            if (_onlyFile is not null && !string.Equals(modelFile, _onlyFile, StringComparison.Ordinal))
                return;
            _pending[modelFile] = true;
        }
        try
        {
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // An event raced with shutdown; an exception on the watcher's thread would end the process.
        }
    }

    private void Flush()
    {
        foreach (var file in _pending.Keys)
        {
            if (_disposed)
                return;
            if (!_pending.TryRemove(file, out _))
                continue;
            if (!File.Exists(file))
            {
                _registry.Remove(file);
                continue;
            }
            try
            {
                _registry.Reload(file);
            }
            catch (ModelLoadException)
            {
                // Logged by the registry with the reason; the previous model keeps serving.
            }
        }
    }
}
