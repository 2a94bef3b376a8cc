using Mosmos.Contracts;
using Mosmos.Trainer.Data;

namespace Mosmos.Trainer.Training;

/// <summary>Everything that defines a fine-tuning run; stored in each checkpoint so a resume needs no flags.</summary>
public sealed record TrainingOptions
{
    public int Steps { get; init; } = 2000;

    /// <summary>Cubic patch edge in voxels; a multiple of the network's size divisor.</summary>
    public int Patch { get; init; } = 64;

    public int BatchSize { get; init; } = 2;

    /// <summary>Isotropic training grid in mm (about 3 mm like fast public CT segmenters).</summary>
    public double SpacingMm { get; init; } = 3.0;

    public long Seed { get; init; } = 1;

    public int[] Widths { get; init; } = [8, 16, 32, 64];

    public bool DeepSupervision { get; init; } = true;

    public double LearningRate { get; init; } = 3e-3;

    public double MinLearningRate { get; init; } = 3e-5;

    public double WeightDecay { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 50;

    /// <summary>Share of patches centred on a foreground voxel (nnU-Net uses 1/3).</summary>
    public double ForegroundFraction { get; init; } = 0.34;

    public int CheckpointEvery { get; init; } = 250;

    public bool Augment { get; init; } = true;

    public IntensityNormalization Intensity { get; init; } = Data.Intensity.AbdomenCt;

    /// <summary>
    /// λ of the MOSMOS pixel-tag aligning loss (<see cref="Pretraining.AligningLoss"/>), used only by a network with a
    /// tag decoder (fine-tuning from a pre-training run); 0 turns the term off.
    /// </summary>
    public double AlignWeight { get; init; } = 0.5;

    /// <summary>Share of the labelled cases held out for validation (<see cref="ValidationSplit"/>); 0 = none.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>A separate dataset folder of validation cases (instead of <see cref="ValidationFraction"/>).</summary>
    public string? ValidationData { get; init; }

    /// <summary>Validate every this many steps; 0 = at every checkpoint. Each validated step also writes a checkpoint.</summary>
    public int ValidationEvery { get; init; }

    /// <summary>Whether validation runs at all.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Validates => ValidationFraction > 0 || ValidationData is not null;

    /// <summary>True when step <paramref name="step"/> validates (and so checkpoints).</summary>
    public bool ValidatesAt(int step) => Validates && step % (ValidationEvery > 0 ? ValidationEvery : CheckpointEvery) == 0;

    public void Validate(int sizeDivisor)
    {
        var e = new List<string>();
        if (Steps < 1) e.Add("steps must be at least 1");
        if (Patch < sizeDivisor || Patch % sizeDivisor != 0) e.Add($"patch must be a positive multiple of {sizeDivisor}");
        if (BatchSize < 1) e.Add("batch must be at least 1");
        if (!(SpacingMm > 0 && SpacingMm < 100)) e.Add("spacing must be in (0, 100) mm");
        if (!(LearningRate > 0) || MinLearningRate < 0 || MinLearningRate > LearningRate) e.Add("need 0 <= min-lr <= lr, lr > 0");
        if (WarmupSteps < 0) e.Add("warmup must not be negative");
        if (ForegroundFraction is < 0 or > 1) e.Add("foreground fraction must be in [0, 1]");
        if (CheckpointEvery < 1) e.Add("checkpoint-every must be at least 1");
        if (ValidationFraction is < 0 or >= 1) e.Add("val-fraction must be in [0, 1)");
        if (ValidationFraction > 0 && ValidationData is not null) e.Add("give either --val-data or --val-fraction, not both");
        if (ValidationEvery < 0) e.Add("val-every must not be negative");
        if (!(AlignWeight >= 0)) e.Add("align-weight must not be negative");
        if (e.Count > 0) throw new ArgumentException(string.Join("; ", e));
    }
}
