using System.Diagnostics;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Pretraining;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Training;

/// <summary>One training step's outcome. <paramref name="Step"/> counts completed steps.</summary>
public sealed record StepResult(int Step, double Loss, double LearningRate, double Seconds);

/// <summary>
/// Patch-based supervised training of a <see cref="UNet3d"/> with AdamW, warm-up + cosine schedule and
/// gradient clipping; every tensor of a step lives in that step's dispose scope.
/// </summary>
public sealed class SegmentationTrainer : IDisposable
{
    /// <summary>nnU-Net's clipping threshold; keeps the first high-LR steps of a fresh network stable.</summary>
    private const double MaxGradNorm = 12;

    private readonly PatchSampler _sampler;
    private readonly Augmenter _augmenter;
    private readonly int[]? _tagClasses;

    public SegmentationTrainer(UNet3d model, TrainingOptions options, IReadOnlyList<PreparedCase> cases,
        IReadOnlyDictionary<int, string> labels, int step = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate(model.Config.SizeDivisor);
        Model = model;
        Options = options;
        Labels = labels;
        Step = step;
        _sampler = new PatchSampler(cases, Intensity.Floor(options.Intensity));
        _augmenter = new Augmenter(ClassNames(labels));
        _tagClasses = model.Config.TagHead is { } head ? AligningLoss.TagClasses(head.Tags, ClassNames(labels)) : null;
        // Frozen parameters (the MOSMOS tag decoder) stay out of the optimiser, so weight decay leaves them alone.
        Optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), options.LearningRate, weight_decay: options.WeightDecay);
    }

    public UNet3d Model { get; }

    public TrainingOptions Options { get; }

    public IReadOnlyDictionary<int, string> Labels { get; }

    public AdamW Optimizer { get; }

    /// <summary>Completed steps.</summary>
    public int Step { get; private set; }

    /// <summary>The network for a labels map whose values are 1..K without gaps (class index = label value).</summary>
    public static UNetConfig NetworkFor(IReadOnlyDictionary<int, string> labels, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ClassNames(labels);
        return new UNetConfig(labels.Count + 1, options.Widths, DeepSupervision: options.DeepSupervision);
    }

    /// <summary>Seeds libtorch's generator so weight initialisation is reproducible, then builds the network.</summary>
    public static UNet3d CreateModel(UNetConfig config, long seed)
    {
        random.manual_seed(seed);
        return new UNet3d(config);
    }

    public StepResult RunStep()
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        Model.train();
        var rng = new StepRandom(Options.Seed, Step, stream: 0);
        var (image, labels) = _sampler.Sample(rng, Options.BatchSize, Options.Patch, Options.ForegroundFraction);
        if (Options.Augment) (image, labels) = _augmenter.Apply(image, labels, rng);
        var lr = LearningRateSchedule.At(Step, Options);
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = lr;
        Optimizer.zero_grad();
        var (logits, attention) = Model.ForwardWithAttention(image);
        var loss = SegmentationLoss.Compute(logits, labels);
        // MOSMOS fine-tuning: + λ · pixel-tag aligning loss (tags without a label class do not count).
        if (attention is not null && Options.AlignWeight > 0)
            loss = loss + Options.AlignWeight * AligningLoss.Compute(attention, labels, _tagClasses!);
        loss.backward();
        nn.utils.clip_grad_norm_(Model.parameters(), MaxGradNorm);
        Optimizer.step();
        Step++;
        return new StepResult(Step, loss.item<float>(), lr, clock.Elapsed.TotalSeconds);
    }

    public string SaveCheckpoint(string runFolder, string datasetFolder) =>
        Checkpoint.Save(runFolder, new CheckpointState(Step, Options, Model.Config, Labels, datasetFolder), Model, Optimizer);

    /// <summary>Rebuilds a trainer at a checkpoint: weights, optimizer moments and step.</summary>
    /// <param name="steps">A new total number of steps, or null to keep the checkpoint's.</param>
    public static SegmentationTrainer Resume(string checkpoint, IReadOnlyList<PreparedCase> cases, int? steps = null)
    {
        var model = Checkpoint.LoadModel(checkpoint, out var state);
        var options = state.Options with { Steps = steps ?? state.Options.Steps };
        var trainer = new SegmentationTrainer(model, options, cases, state.Labels, state.Step);
        trainer.Optimizer.load_state_dict(Path.Combine(checkpoint, Checkpoint.OptimizerFile));
        return trainer;
    }

    /// <summary>Class index → organ id, index 0 = "background".</summary>
    public static string[] ClassNames(IReadOnlyDictionary<int, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!Enumerable.Range(1, labels.Count).All(labels.ContainsKey))
            throw new ArgumentException($"label values must be 1..{labels.Count} without gaps (got {string.Join(", ", labels.Keys.Order())})");
        return ["background", .. Enumerable.Range(1, labels.Count).Select(v => labels[v])];
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
