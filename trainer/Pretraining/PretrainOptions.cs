using Mosmos.Contracts;
using Mosmos.Trainer.Training;

namespace Mosmos.Trainer.Pretraining;

/// <summary>Everything that defines a pre-training run; stored in each checkpoint so a resume needs no flags.</summary>
public sealed record PretrainOptions
{
    public int Steps { get; init; } = 2000;

    /// <summary>Image–report pairs per step; also the number of negatives each pair is contrasted with, plus one.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Cubic edge in voxels of the whole-volume input (centre crop or pad); a multiple of the size divisor.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Isotropic grid in mm; 6 mm × 64 voxels covers a 38 cm abdomen.</summary>
    public double SpacingMm { get; init; } = 6.0;

    public long Seed { get; init; } = 1;

    /// <summary>Encoder stage widths; must equal the fine-tuning network's for the encoder to transfer.</summary>
    public int[] Widths { get; init; } = [8, 16, 32, 64];

    public int EmbedDim { get; init; } = 96;

    public int Heads { get; init; } = 4;

    public int TextLayers { get; init; } = 2;

    public int DecoderLayers { get; init; } = 2;

    /// <summary>Shared learnable context tokens in front of every tag's name (CoOp's N1).</summary>
    public int ContextTokens { get; init; } = 8;

    /// <summary>Report tokens kept, [CLS] and [SEP] included.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>
    /// Peak AdamW rate. 1e-3 (the segmentation trainer's) made the contrastive loss swing above ln B once the
    /// embeddings were batch-normalised; 3e-4 brings it down steadily (docs/mosmos-results.md "Pre-training").
    /// </summary>
    public double LearningRate { get; init; } = 3e-4;

    public double MinLearningRate { get; init; } = 1e-5;

    public double WeightDecay { get; init; } = 1e-2;

    public int WarmupSteps { get; init; } = 50;

    public TagLossKind TagLoss { get; init; } = TagLossKind.Asymmetric;

    /// <summary>What a tag's target says about its organ; checkpoints written before the option are <see cref="TagTargets.Presence"/>.</summary>
    public TagTargets TagTargets { get; init; } = TagTargets.Presence;

    /// <summary>The global image feature of the contrastive loss (<see cref="Model.AttentionPool3d"/> remarks say why not the mean).</summary>
    public ImagePooling ImagePooling { get; init; } = ImagePooling.Attention;

    /// <summary>
    /// BatchNorm (no affine) on the projected image and report features before the L2 norm, as in SimCLR's and
    /// BYOL's projection heads: phantom studies and templated reports look alike, so freshly initialised encoders
    /// give every image (every report) nearly the same embedding (mean cosine ≈ 0.998) and InfoNCE's gradient, which
    /// lives in their differences, is too small to start the alignment; the norm removes the shared part.
    /// </summary>
    public bool EmbeddingBatchNorm { get; init; } = true;

    /// <summary>
    /// Per-pair image augmentation (<see cref="PretrainAugmenter"/>: rotation, scale, shift, intensity, noise; no flips).
    /// Checkpoints written before the option load with false, as they were made.
    /// </summary>
    public bool Augment { get; init; } = true;

    /// <summary>Probability of dropping each report sentence in training (<see cref="PretrainAugmenter.DropSentences"/>); 0 keeps reports whole.</summary>
    public double SentenceDropout { get; init; } = 0.3;

    /// <summary>Weight of the tag loss beside the contrastive loss (both weight 1 by default).</summary>
    public double TagWeight { get; init; } = 1.0;

    /// <summary>Share of the image–report pairs held out for recall@k and mAP.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    public int CheckpointEvery { get; init; } = 250;

    public IntensityNormalization Intensity { get; init; } = Data.Intensity.AbdomenCt;

    /// <summary>The segmentation trainer's warm-up + cosine schedule, fed with these numbers.</summary>
    internal TrainingOptions Schedule => new()
    {
        Steps = Steps, LearningRate = LearningRate, MinLearningRate = MinLearningRate, WarmupSteps = WarmupSteps,
    };

    public void Validate()
    {
        var e = new List<string>();
        if (Steps < 1) e.Add("steps must be at least 1");
        if (BatchSize < 2) e.Add("batch must be at least 2 (the contrastive loss needs negatives)");
        if (Widths is null || Widths.Length < 2 || Widths.Any(w => w < 1)) e.Add("widths need at least 2 positive stages");
        else if (Size < 1 << (Widths.Length - 1) || Size % (1 << (Widths.Length - 1)) != 0) e.Add($"size must be a positive multiple of {1 << (Widths.Length - 1)}");
        if (!(SpacingMm > 0 && SpacingMm < 100)) e.Add("spacing must be in (0, 100) mm");
        if (EmbedDim < 6 || EmbedDim % 6 != 0 || Heads < 1 || EmbedDim % Heads != 0) e.Add("embed-dim must be a multiple of 6 and of heads");
        if (TextLayers < 1 || DecoderLayers < 1) e.Add("text-layers and decoder-layers must be at least 1");
        if (ContextTokens < 0) e.Add("context-tokens must not be negative");
        if (MaxTokens < 8) e.Add("max-tokens must be at least 8");
        if (!(LearningRate > 0) || MinLearningRate < 0 || MinLearningRate > LearningRate) e.Add("need 0 <= min-lr <= lr, lr > 0");
        if (WarmupSteps < 0) e.Add("warmup must not be negative");
        if (!(TagWeight >= 0)) e.Add("tag-weight must not be negative");
        if (!(SentenceDropout >= 0 && SentenceDropout < 1)) e.Add("sentence-dropout must be in [0, 1)");
        if (!(ValidationFraction > 0 && ValidationFraction < 1)) e.Add("val-fraction must be in (0, 1)");
        if (CheckpointEvery < 1) e.Add("checkpoint-every must be at least 1");
        if (e.Count > 0) throw new ArgumentException(string.Join("; ", e));
    }
}

/// <summary>Multi-label loss of the tag decoder.</summary>
public enum TagLossKind
{
    /// <summary>Asymmetric loss (Ridnik et al. 2021), γ− = 4, γ+ = 0, probability margin 0.05.</summary>
    Asymmetric,

    /// <summary>Binary cross-entropy.</summary>
    Bce,
}

/// <summary>What a tag's target of 1 means; tags the report does not state are unknown either way.</summary>
public enum TagTargets
{
    /// <summary>The organ is there (present or abnormal = 1, absent = 0): the method's tags.</summary>
    Presence,

    /// <summary>
    /// The report has an abnormal finding in the organ (abnormal = 1, present = 0, absent = unknown). In phantoms nearly
    /// every organ is present, so presence tags are met without looking at the organs; findings (cysts, masses,
    /// enlargement, hydronephrosis, stones) are drawn in the image and must be looked for where the organ is.
    /// </summary>
    Findings,
}

/// <summary>How pre-training turns the encoder's bottleneck into one image feature for the contrastive loss.</summary>
public enum ImagePooling
{
    /// <summary>Spatial mean of the bottleneck (blind to where things are; the first runs' choice).</summary>
    Mean,

    /// <summary><see cref="Model.AttentionPool3d"/>: one learned query over the positionally encoded spatial tokens.</summary>
    Attention,
}
