using System.Text.Json;
using System.Text.Json.Serialization;
using Mosmos.Trainer.Training;
using TorchSharp.Modules;

namespace Mosmos.Trainer.Pretraining;

/// <summary>What a pre-training checkpoint's <c>state.json</c> holds besides the weights.</summary>
/// <param name="Kind">Always <see cref="PretrainCheckpoint.Kind"/>: tells fine-tuning's <c>--init</c> what it got.</param>
public sealed record PretrainState(
    string Kind,
    int Step,
    PretrainOptions Options,
    PretrainNetwork Network,
    string DatasetFolder,
    string VocabularyPath);

/// <summary>
/// Same layout as the segmentation trainer's checkpoints (<see cref="Checkpoint"/>): <c>RUN/checkpoints/step-NNNNNN/
/// {model.bin, optimizer.bin, state.json}</c>, written to a temporary folder and renamed; the randomness is
/// counter-based, so (seed, step) is the whole RNG state.
/// </summary>
public static class PretrainCheckpoint
{
    public const string Kind = "mosmos-pretrain";

    public static string Save(string runFolder, PretrainState state, PretrainModel model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var final = Path.Combine(runFolder, "checkpoints", $"step-{state.Step:D6}");
        var tmp = final + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);
        model.save(Path.Combine(tmp, Checkpoint.ModelFile));
        optimizer.save_state_dict(Path.Combine(tmp, Checkpoint.OptimizerFile));
        File.WriteAllText(Path.Combine(tmp, Checkpoint.StateFile), JsonSerializer.Serialize(state, PretrainJson.Default.PretrainState));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(tmp, final);
        return final;
    }

    /// <summary>Whether a checkpoint folder (not a run) was written by pre-training.</summary>
    public static bool IsPretraining(string checkpoint)
    {
        var path = Path.Combine(checkpoint, Checkpoint.StateFile);
        if (!File.Exists(path)) return false;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == Kind;
    }

    public static PretrainState ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, Checkpoint.StateFile);
        var json = File.ReadAllText(path);
        var state = JsonSerializer.Deserialize(json, PretrainJson.Default.PretrainState)
            ?? throw new InvalidDataException($"{path} is JSON null");
        if (state.Kind != Kind) throw new InvalidDataException($"{path} is not a pre-training checkpoint (kind '{state.Kind}')");
        return WrittenBeforeAugmentation(json) ? state with { Options = state.Options with { Augment = false, SentenceDropout = 0 } } : state;
    }

    /// <summary>A state.json from before pre-training augmented its pairs: it resumes without augmentation, as it was made.</summary>
    private static bool WrittenBeforeAugmentation(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object
            && !options.TryGetProperty("augment", out _);
    }

    public static PretrainModel LoadModel(string checkpoint, out PretrainState state)
    {
        state = ReadState(checkpoint);
        var model = new PretrainModel(state.Network);
        model.load(Path.Combine(checkpoint, Checkpoint.ModelFile));
        return model;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PretrainState))]
internal sealed partial class PretrainJson : JsonSerializerContext;
