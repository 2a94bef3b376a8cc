using System.Security.Cryptography;
using Mosmos.Contracts;
using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Registry;

/// <summary>
/// A folder registry: <c>REGISTRY/NAME/VERSION/</c> holds <c>model.onnx</c>, <c>model.onnx.sha256</c>
/// (sha256sum format) and <c>model-card.json</c>. A version is immutable: publishing the same bytes again is a
/// no-op, different bytes under an existing version are refused. The returned record is what the bus message
/// will carry once a bus is configured.
/// </summary>
public static class ModelRegistry
{
    public const string ModelFile = "model.onnx";

    public static ModelPublished Publish(string modelPath, string registry, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(registry);
        ArgumentNullException.ThrowIfNull(clock);
        var card = OnnxExporter.ReadCard(modelPath);
        foreach (var part in new[] { card.Name, card.Version })
        {
            if (part.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')) || part.StartsWith('.'))
                throw new ArgumentException($"model name and version must be letters, digits, '-', '_', '.' to name a folder (got '{part}')");
        }
        var hash = Sha256(modelPath);
        var folder = Path.Combine(registry, card.Name, card.Version);
        var target = Path.Combine(folder, ModelFile);
        if (Directory.Exists(folder))
        {
            if (File.Exists(target) && Sha256(target) == hash)
                return new ModelPublished(card.Name, card.Version, Path.GetFullPath(target), hash, File.GetLastWriteTimeUtc(target));
            throw new InvalidOperationException($"{folder} already holds a different model; publish under a new version");
        }
        var tmp = folder + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);
        File.Copy(modelPath, Path.Combine(tmp, ModelFile));
        File.WriteAllText(Path.Combine(tmp, ModelFile + ".sha256"), $"{hash}  {ModelFile}\n");
        File.WriteAllText(Path.Combine(tmp, "model-card.json"), ModelCardSerializer.Serialize(card));
        Directory.Move(tmp, folder);
        return new ModelPublished(card.Name, card.Version, Path.GetFullPath(target), hash, clock.GetUtcNow());
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
