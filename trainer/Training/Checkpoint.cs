using System.Text.Json;
using System.Text.Json.Serialization;
using Mosmos.Trainer.Model;
using TorchSharp.Modules;

namespace Mosmos.Trainer.Training;

/// <summary>What a checkpoint folder's <c>state.json</c> holds besides the weights.</summary>
public sealed record CheckpointState(
    int Step,
    TrainingOptions Options,
    UNetConfig Network,
    IReadOnlyDictionary<int, string> Labels,
    string DatasetFolder);

/// <summary>
/// A checkpoint is a folder <c>RUN/checkpoints/step-NNNNNN</c> with <c>model.bin</c> (TorchSharp state_dict),
/// <c>optimizer.bin</c> (AdamW moments and step counts) and <c>state.json</c>. The run's randomness is
/// counter-based (<see cref="StepRandom"/>), so step and seed are its whole RNG state. Written to a temporary
/// folder and renamed, so a crash never leaves a half checkpoint.
/// </summary>
public static class Checkpoint
{
    public const string ModelFile = "model.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "state.json";

    public static string Save(string runFolder, CheckpointState state, UNet3d model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var root = Path.Combine(runFolder, "checkpoints");
        var final = Path.Combine(root, $"step-{state.Step:D6}");
        var tmp = final + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);
        model.save(Path.Combine(tmp, ModelFile));
        optimizer.save_state_dict(Path.Combine(tmp, OptimizerFile));
        File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(state, CheckpointJson.Default.CheckpointState));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(tmp, final);
        return final;
    }

    /// <summary>The newest complete checkpoint of a run, or null.</summary>
    public static string? Latest(string runFolder)
    {
        var root = Path.Combine(runFolder, "checkpoints");
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root, "step-*")
            .Where(d => !d.EndsWith(".tmp", StringComparison.Ordinal) && File.Exists(Path.Combine(d, StateFile)))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
    }

    /// <summary>Accepts a checkpoint folder or a run folder (then its latest checkpoint).</summary>
    public static string Resolve(string path)
    {
        if (File.Exists(Path.Combine(path, StateFile))) return path;
        return Latest(path) ?? throw new FileNotFoundException($"no checkpoint in '{path}' (expected {StateFile} or checkpoints/step-*)");
    }

    public static CheckpointState ReadState(string checkpoint) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(checkpoint, StateFile)), CheckpointJson.Default.CheckpointState)
        ?? throw new InvalidDataException($"{Path.Combine(checkpoint, StateFile)} is JSON null");

    public static UNet3d LoadModel(string checkpoint, out CheckpointState state)
    {
        state = ReadState(checkpoint);
        var model = new UNet3d(state.Network);
        model.load(Path.Combine(checkpoint, ModelFile));
        return model;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CheckpointState))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
