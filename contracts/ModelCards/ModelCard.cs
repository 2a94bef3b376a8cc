using System.Text.Json.Serialization;

namespace Mosmos.Contracts;

/// <summary>
/// What a worker must know to run a model, stored as JSON in the ONNX <c>metadata_props</c> entry
/// <see cref="MetadataKey"/> (DESIGN §4). One source of truth: the trainer writes it, the worker reads it.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The ONNX metadata_props key holding the card.</summary>
    public const string MetadataKey = "mosmos.model_card";

    /// <summary>The card format version this code reads and writes.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>DICOM modality the model takes, e.g. <c>CT</c>.</summary>
    public required string Modality { get; init; }
    /// <summary>Label value in the model's output → organ catalog id. Value 0 is background and not listed.</summary>
    public required IReadOnlyDictionary<int, string> Labels { get; init; }
    /// <summary>Voxel spacing the model runs at, in mm, as (x, y, z) = (column, row, slice).</summary>
    public required double[] SpacingMm { get; init; }
    public required IntensityNormalization Intensity { get; init; }
    /// <summary>Sliding-window patch size in voxels, (x, y, z).</summary>
    public required int[] PatchSize { get; init; }
    /// <summary>Fraction of a patch shared with its neighbour, in [0, 0.9].</summary>
    public double Overlap { get; init; } = 0.25;
    public string InputName { get; init; } = "image";
    /// <summary>Output holding per-class probabilities [N, C, D, H, W].</summary>
    public string OutputName { get; init; } = "probs";
    /// <summary>Optional output with pixel-tag attention maps [N, K, D', H', W'] (MOSMOS).</summary>
    public string? AttentionOutputName { get; init; }
    /// <summary>Organ tags of the MOSMOS tag decoder, in attention-channel order (catalog ids).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public PostProcessing PostProcessing { get; init; } = new();
    /// <summary>Whether a gantry-tilted series may be taken (after resampling).</summary>
    public bool AllowGantryTilt { get; init; }
    public int MinimumSlices { get; init; } = 16;
    public TrainingSummary? Training { get; init; }
}

/// <summary>HU window then scaling: value = (clamp(hu, Lower, Upper) - Mean) / Std.</summary>
public sealed record IntensityNormalization(double Lower, double Upper, double Mean, double Std);

public sealed record PostProcessing
{
    public bool LargestComponent { get; init; }
    public bool FillHoles { get; init; }
}

public sealed record TrainingSummary
{
    public string? Data { get; init; }
    public string? Command { get; init; }
    public int? Studies { get; init; }
    public double? MeanDice { get; init; }
    public IReadOnlyDictionary<string, double>? DicePerOrgan { get; init; }
    public double? Lambda { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ModelCard))]
internal sealed partial class ModelCardJsonContext : JsonSerializerContext;
