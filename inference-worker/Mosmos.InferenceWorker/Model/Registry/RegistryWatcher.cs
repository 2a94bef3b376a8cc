using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Reloads a model when its <c>.onnx</c>, its <c>.sha256</c> or the registry's <c>SHA256SUMS</c> changes, and
/// removes it when its file is deleted. Subfolders are watched (the trainer publishes NAME/VERSION/model.onnx by
/// renaming a finished <c>VERSION.tmp</c> folder: a folder that appears is scanned for models, one that goes
/// away takes its models with it). Events are debounced: a copy shows up as several writes, and the model
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
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = _onlyFile is null,
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
        else if (!Enqueue(path))
        {
            return;
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

    /// <summary>Marks the model files an event concerns; false when it concerns none.</summary>
    private bool Enqueue(string path)
    {
        if (_onlyFile is null && RegistryLayout.InProgress(_directory, path))
            return false;
        var modelFile = path.EndsWith(Sha256Digests.SidecarExtension, StringComparison.Ordinal)
            ? path[..^Sha256Digests.SidecarExtension.Length]
            : path;
        if (RegistryLayout.IsModelFile(modelFile))
        {
            if (_onlyFile is not null && !string.Equals(modelFile, _onlyFile, StringComparison.Ordinal))
                return false;
            _pending[modelFile] = true;
            return true;
        }
        if (_onlyFile is not null)
            return false;
        var found = false;
        if (Directory.Exists(path))
        {
            try
            {
                foreach (var file in RegistryLayout.ModelFiles(path))
                    found = _pending[file] = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder changed again while it was read; its next event brings it back. An exception on the
                // watcher's thread would end the process.
                ModelLog.WatcherFailed(_logger, e);
            }
        }
        else
        {
            // A folder that went away (or was renamed away): its served models go with it.
            var prefix = path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            foreach (var model in _registry.Models.Where(m => m.File.StartsWith(prefix, StringComparison.Ordinal)))
                found = _pending[model.File] = true;
        }
        return found;
    }

    private void Flush()
    {
        foreach (var file in _pending.Keys.Order(RegistryLayout.NaturalPathComparer.Instance))
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
