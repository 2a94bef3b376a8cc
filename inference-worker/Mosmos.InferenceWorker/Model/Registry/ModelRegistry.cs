using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// The models this process serves, by card name. Readers take a <see cref="ModelLease"/> from an immutable
/// snapshot without locking; writers (start-up scan, file watcher, ModelPublished) build a new snapshot under a
/// lock and swap it in, then release the replaced model, whose session lives until its last lease ends.
/// </summary>
internal sealed partial class ModelRegistry(ModelLoader loader, IOptions<ModelServerOptions> options, ILogger<ModelRegistry> logger) : IDisposable
{
    private readonly Lock _writeLock = new();
    private ImmutableDictionary<string, LoadedModel> _models = ImmutableDictionary<string, LoadedModel>.Empty;
    private volatile bool _scanned;

    private string RegistryRoot => options.Value.RegistryPath;

    /// <summary>Start-up scan done and at least one model loaded.</summary>
    public bool IsReady => _scanned && !Volatile.Read(ref _models).IsEmpty;

    public IReadOnlyCollection<LoadedModel> Models => Volatile.Read(ref _models).Values.ToArray();

    /// <summary>A lease on the named model (and version, when given), or null when it is not served.</summary>
    public ModelLease? TryRent(string name, string? version = null)
    {
        while (true)
        {
            if (!Volatile.Read(ref _models).TryGetValue(name, out var model))
                return null;
            if (!string.IsNullOrEmpty(version) && !string.Equals(version, model.Version, StringComparison.Ordinal))
                return null;
            if (model.TryAddReference())
                return new ModelLease(model);
            // Replaced and fully released between the lookup and the reference: read the new snapshot.
        }
    }

    /// <summary>
    /// Loads every model of the registry (<see cref="RegistryLayout"/>: flat or NAME/VERSION folders, highest version
    /// last so it serves) or its one file; refused files are logged and skipped.
    /// </summary>
    public IReadOnlyList<ModelLoadException> LoadAll()
    {
        var root = RegistryRoot;
        var files = File.Exists(root) ? [root] : RegistryLayout.ModelFiles(root);
        var refused = new List<ModelLoadException>();
        foreach (var file in files)
        {
            try
            {
                Reload(file);
            }
            catch (ModelLoadException e)
            {
                refused.Add(e);
            }
        }
        _scanned = true;
        ModelLog.RegistryScanned(logger, root, files.Length - refused.Count, refused.Count);
        return refused;
    }

    /// <summary>
    /// Loads (or reloads) one file and makes it the current model of its card's name. On failure the model that
    /// was serving stays. Called by the file watcher and by the ModelPublished consumer.
    /// </summary>
    /// <exception cref="ModelLoadException">The file was refused; the message says why.</exception>
    public LoadedModel Reload(string file, string? expectedSha256 = null)
    {
        LoadedModel model;
        try
        {
            model = loader.Load(file, expectedSha256, OnDisposed);
        }
        catch (ModelLoadException e)
        {
            ModelLog.ModelRefused(logger, e.File, e.Reason);
            throw;
        }
        LoadedModel? previous;
        lock (_writeLock)
        {
            _models.TryGetValue(model.Name, out previous);
            Volatile.Write(ref _models, _models.SetItem(model.Name, model));
        }
        ModelLog.ModelLoaded(logger, model.Name, model.Version, model.File, model.Sha256, model.Provider);
        if (previous is not null)
        {
            ModelLog.ModelReplaced(logger, model.Name, previous.Version, model.Version);
            previous.Release();
        }
        return model;
    }

    /// <summary>Stops serving every model loaded from <paramref name="file"/> (its file was deleted).</summary>
    public void Remove(string file)
    {
        var full = Path.GetFullPath(file);
        List<LoadedModel> removed;
        lock (_writeLock)
        {
            removed = _models.Values.Where(m => string.Equals(m.File, full, StringComparison.Ordinal)).ToList();
            Volatile.Write(ref _models, _models.RemoveRange(removed.Select(m => m.Name)));
        }
        foreach (var model in removed)
        {
            ModelLog.ModelRemoved(logger, model.Name, model.File);
            model.Release();
        }
    }

    public void Dispose()
    {
        ImmutableDictionary<string, LoadedModel> models;
        lock (_writeLock)
        {
            models = _models;
            Volatile.Write(ref _models, ImmutableDictionary<string, LoadedModel>.Empty);
        }
        foreach (var model in models.Values)
            model.Release();
    }

    private void OnDisposed(LoadedModel model) => ModelLog.SessionDisposed(logger, model.Name, model.Version);
}
