using System.Diagnostics;
using Mosmos.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Pretraining;

/// <summary>One pre-training step's outcome; <paramref name="Step"/> counts completed steps.</summary>
public sealed record PretrainStepResult(int Step, double Loss, double Contrastive, double TagLoss, double LearningRate, double Temperature, double Seconds);

/// <summary>
/// Image–report pre-training: each step draws <see cref="PretrainOptions.BatchSize"/> distinct training pairs
/// (counter-based, <see cref="StepRandom"/> stream 1), loss = symmetric InfoNCE + w · tag loss, AdamW with the
/// segmentation trainer's warm-up + cosine schedule, gradient norm clipped, temperature clamped. Pairs are
/// augmented (<see cref="PretrainAugmenter"/>, stream 2) unless the options say not to.
/// </summary>
public sealed class PretrainTrainer : IDisposable
{
    private const double MaxGradNorm = 5;

    private readonly IReadOnlyList<PretrainCase> _train;

    public PretrainTrainer(PretrainModel model, PretrainOptions options, IReadOnlyList<PretrainCase> train, int step = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        options.Validate();
        if (train.Count < options.BatchSize) throw new ArgumentException($"{train.Count} training pairs, fewer than batch {options.BatchSize}");
        Model = model;
        Options = options;
        Step = step;
        _train = train;
        Optimizer = optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
    }

    public PretrainModel Model { get; }

    public PretrainOptions Options { get; }

    public AdamW Optimizer { get; }

    public int Step { get; private set; }

    /// <summary>Seeds libtorch's generator so weight initialisation is reproducible, then builds the network.</summary>
    public static PretrainModel CreateModel(PretrainNetwork network, long seed)
    {
        random.manual_seed(seed);
        return new PretrainModel(network);
    }

    public PretrainStepResult RunStep()
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        Model.train();
        var rng = new StepRandom(Options.Seed, Step, stream: 1);
        var batch = Draw(rng, _train.Count, Options.BatchSize).Select(i => _train[i]).ToList();
        var augment = new StepRandom(Options.Seed, Step, stream: 2);
        if (Options.SentenceDropout > 0)
            batch = [.. batch.Select(c => c with { Tokens = PretrainAugmenter.DropSentences(c.Tokens, c.Sentences, Options.SentenceDropout, Model.Network.PadId, augment) })];
        var (images, ids, targets, known) = Batch(batch, Options.Size);
        if (Options.Augment) images = PretrainAugmenter.Images(images, Data.Intensity.Floor(Options.Intensity), augment);
        var lr = LearningRateSchedule.At(Step, Options.Schedule);
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = lr;
        Optimizer.zero_grad();
        var output = Model.Forward(images, ids);
        var contrastive = PretrainLosses.InfoNce(output.Images, output.Reports, Model.LogitScale.exp());
        var tagLoss = PretrainLosses.Tags(Options.TagLoss, output.TagLogits, targets, known);
        var loss = contrastive + Options.TagWeight * tagLoss;
        loss.backward();
        nn.utils.clip_grad_norm_(Model.parameters(), MaxGradNorm);
        Optimizer.step();
        Model.ClampLogitScale();
        Step++;
        return new PretrainStepResult(Step, loss.item<float>(), contrastive.item<float>(), tagLoss.item<float>(), lr,
            1 / Math.Exp(Model.LogitScale.item<float>()), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Images [B, 1, S, S, S], token ids [B, T], tag targets and known-masks [B, K].</summary>
    public static (Tensor Images, Tensor Ids, Tensor Targets, Tensor Known) Batch(IReadOnlyList<PretrainCase> cases, int size)
    {
        ArgumentNullException.ThrowIfNull(cases);
        long b = cases.Count, t = cases[0].Tokens.Length, k = cases[0].Targets.Length;
        return (
            tensor(cases.SelectMany(c => c.Image).ToArray(), [b, 1, size, size, size]),
            tensor(cases.SelectMany(c => c.Tokens).ToArray(), [b, t]),
            tensor(cases.SelectMany(c => c.Targets).ToArray(), [b, k]),
            tensor(cases.SelectMany(c => c.Known).ToArray(), [b, k]));
    }

    public string SaveCheckpoint(string runFolder, string datasetFolder, string vocabularyPath) =>
        PretrainCheckpoint.Save(runFolder, new PretrainState(PretrainCheckpoint.Kind, Step, Options, Model.Network, datasetFolder, vocabularyPath), Model, Optimizer);

    /// <summary>Rebuilds a trainer at a checkpoint: weights, optimiser moments and step.</summary>
    public static PretrainTrainer Resume(string checkpoint, IReadOnlyList<PretrainCase> train, int? steps = null)
    {
        var model = PretrainCheckpoint.LoadModel(checkpoint, out var state);
        var trainer = new PretrainTrainer(model, state.Options with { Steps = steps ?? state.Options.Steps }, train, state.Step);
        trainer.Optimizer.load_state_dict(Path.Combine(checkpoint, Checkpoint.OptimizerFile));
        return trainer;
    }

    /// <summary><paramref name="count"/> distinct indices in [0, n) by a partial Fisher–Yates shuffle.</summary>
    private static int[] Draw(StepRandom rng, int n, int count)
    {
        var pool = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.Next(n - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
