using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>Reload on demand: what the <see cref="ModelPublished"/> consumer calls.</summary>
internal sealed partial class ModelRegistry
{
    /// <summary>
    /// Loads the published file, verified against the digest in the message rather than a sidecar, and makes it
    /// current. A relative location is taken inside the registry directory.
    /// </summary>
    /// <exception cref="ModelLoadException">The location is not a file here, or the model is refused.</exception>
    public LoadedModel Apply(ModelPublished published)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (Uri.TryCreate(published.Location, UriKind.Absolute, out var uri) && !uri.IsFile)
            throw new ModelLoadException(published.Location, $"'{uri.Scheme}' locations are not fetched by the worker; publish into the registry directory");
        var root = RegistryRoot;
        var directory = File.Exists(root) ? Path.GetDirectoryName(Path.GetFullPath(root))! : root;
        var file = Path.IsPathRooted(published.Location) ? published.Location : Path.Combine(directory, published.Location);
        return Reload(file, published.Sha256);
    }
}
