using Mosmos.Datasets;
using Mosmos.Trainer.Pretraining;
using Mosmos.Trainer.Text;
using Mosmos.Trainer.Training;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>pretrain --data DIR --out RUN [--vocab FILE] [--steps N] [--batch B] [--size N] [--spacing MM] [--seed S]
/// [--widths 8,16,32,64] [--embed-dim C] [--heads H] [--text-layers L] [--decoder-layers L] [--context-tokens N]
/// [--max-tokens T] [--lr X] [--warmup N] [--tag-loss asl|bce] [--tag-targets presence|findings] [--tag-weight W] [--image-pooling attention|mean]
/// [--no-embedding-norm] [--no-augment] [--sentence-dropout P] [--val-fraction F] [--checkpoint-every N] [--threads N]</c>: MOSMOS image–report pre-training (trainer/README.md "MOSMOS").
/// A RUN folder with a checkpoint resumes from its latest one (only <c>--steps</c> may change).
/// </summary>
public static class PretrainCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "no-embedding-norm", "no-augment" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var dataset = Dataset.Open(a.Required("data"));
        var run = a.Required("out");
        var latest = Checkpoint.Latest(run);
        var steps = a.Count("steps");
        var threads = a.Count("threads");
        var vocab = a.Optional("vocab");
        var requested = FromArguments(a, steps);
        a.ThrowOnUnused();
        requested.Validate();
        if (threads is { } t) TorchSharp.torch.set_num_threads(Math.Max(1, t));

        PretrainState? saved = latest is null ? null : PretrainCheckpoint.ReadState(latest);
        var options = saved is null ? requested : saved.Options with { Steps = steps ?? saved.Options.Steps };
        var vocabularyPath = Path.GetFullPath(vocab ?? saved?.VocabularyPath ?? ReportTokenizer.DefaultVocabularyPath);
        var tokenizer = ReportTokenizer.Load(vocabularyPath);
        Directory.CreateDirectory(run);

        var data = AnsiConsole.Status().Start("Preparing image–report pairs",
            _ => PretrainData.Load(dataset, tokenizer, options, saved?.Network.TagHead.Tags));
        AnsiConsole.MarkupLineInterpolated($"{data.Train.Count} training and {data.Validation.Count} held-out pairs, {data.Tags.Count} tags, {options.Size}³ at {options.SpacingMm} mm, batch {options.BatchSize}");
        using var trainer = latest is not null
            ? PretrainTrainer.Resume(latest, data.Train, options.Steps)
            : new PretrainTrainer(PretrainTrainer.CreateModel(NetworkFor(options, data.Tags, tokenizer), options.Seed), options, data.Train);
        if (latest is not null) AnsiConsole.MarkupLineInterpolated($"Resuming at step {trainer.Step} from {latest}");

        using var metrics = new CsvLog(Path.Combine(run, "metrics.csv"), "step,loss,contrastive,tags,lr,temperature,seconds", trainer.Step);
        using var validation = new CsvLog(Path.Combine(run, "validation.csv"), "step,recall_at_1,recall_at_5,tag_map,pairs,image_cosine,report_cosine", trainer.Step);
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("pre-training", maxValue: options.Steps);
                task.Value = trainer.Step;
                while (trainer.Step < options.Steps)
                {
                    var r = trainer.RunStep();
                    metrics.Append(r.Step, r.Loss, r.Contrastive, r.TagLoss, r.LearningRate, r.Temperature, r.Seconds);
                    task.Value = r.Step;
                    task.Description = $"step {r.Step} loss {r.Loss:F4} (nce {r.Contrastive:F3}, tags {r.TagLoss:F3}) τ {r.Temperature:F3} {r.Seconds:F2}s";
                    if (r.Step % options.CheckpointEvery == 0 || r.Step == options.Steps)
                    {
                        trainer.SaveCheckpoint(run, dataset.Folder, vocabularyPath);
                        PretrainReport.Refresh(run, trainer, data, dataset, metrics, validation);
                    }
                }
            });
        var last = validation.Rows.Count > 0 ? string.Join(", ", validation.Rows[^1]) : "none";
        AnsiConsole.MarkupLineInterpolated($"Done: {trainer.Step} steps; last validation (step, R@1, R@5, mAP, pairs, image and report cosine): {last}; attention maps in {Path.Combine(run, "attention")}");
        return 0;
    }

    /// <summary>The network for a fresh run: tags tokenised once and stored in the checkpoint.</summary>
    public static PretrainNetwork NetworkFor(PretrainOptions o, IReadOnlyList<string> tags, ReportTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new PretrainNetwork(o.Widths, 2, new Model.TagHeadConfig([.. tags], o.EmbedDim, o.Heads, o.DecoderLayers),
            tokenizer.VocabularySize, o.MaxTokens, o.TextLayers, o.ContextTokens, tokenizer.PadId,
            PretrainData.TagTokenIds(tokenizer, tags, o.MaxTokens - o.ContextTokens))
        {
            ImagePooling = o.ImagePooling,
            EmbeddingBatchNorm = o.EmbeddingBatchNorm,
        };
    }

    private static PretrainOptions FromArguments(Arguments a, int? steps)
    {
        var d = new PretrainOptions();
        var loss = a.Optional("tag-loss");
        var pooling = a.Optional("image-pooling");
        var meaning = a.Optional("tag-targets");
        return d with
        {
            Steps = steps ?? d.Steps,
            BatchSize = a.Count("batch") ?? d.BatchSize,
            Size = a.Count("size") ?? d.Size,
            SpacingMm = a.Number("spacing") ?? d.SpacingMm,
            Seed = a.Seed("seed") ?? d.Seed,
            Widths = a.Ints("widths") ?? d.Widths,
            EmbedDim = a.Count("embed-dim") ?? d.EmbedDim,
            Heads = a.Count("heads") ?? d.Heads,
            TextLayers = a.Count("text-layers") ?? d.TextLayers,
            DecoderLayers = a.Count("decoder-layers") ?? d.DecoderLayers,
            ContextTokens = a.Count("context-tokens") ?? d.ContextTokens,
            MaxTokens = a.Count("max-tokens") ?? d.MaxTokens,
            LearningRate = a.Number("lr") ?? d.LearningRate,
            WarmupSteps = a.Count("warmup") ?? d.WarmupSteps,
            TagWeight = a.Number("tag-weight") ?? d.TagWeight,
            ValidationFraction = a.Number("val-fraction") ?? d.ValidationFraction,
            CheckpointEvery = a.Count("checkpoint-every") ?? d.CheckpointEvery,
            EmbeddingBatchNorm = !a.Flag("no-embedding-norm"),
            Augment = !a.Flag("no-augment"),
            SentenceDropout = a.Number("sentence-dropout") ?? d.SentenceDropout,
            TagLoss = loss switch
            {
                null or "asl" => TagLossKind.Asymmetric,
                "bce" => TagLossKind.Bce,
                _ => throw new UsageException($"--tag-loss: '{loss}' is not asl or bce"),
            },
            TagTargets = meaning switch
            {
                null or "presence" => TagTargets.Presence,
                "findings" => TagTargets.Findings,
                _ => throw new UsageException($"--tag-targets: '{meaning}' is not presence or findings"),
            },
            ImagePooling = pooling switch
            {
                null or "attention" => ImagePooling.Attention,
                "mean" => ImagePooling.Mean,
                _ => throw new UsageException($"--image-pooling: '{pooling}' is not attention or mean"),
            },
        };
    }
}
