using Mosmos.Datasets;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Pretraining;
using Mosmos.Trainer.Reporting;
using Mosmos.Trainer.Training;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>finetune --data DIR --out RUN [--init CHECKPOINT] [--steps N] [--patch N] [--spacing MM] [--seed S]
/// [--batch B] [--widths 8,16,32,64] [--lr X] [--warmup N] [--checkpoint-every N] [--threads N] [--no-augment]
/// [--no-deep-supervision] [--val-data DIR | --val-fraction F] [--val-every N] [--align-weight λ] [--no-attention]</c>.
/// <c>--init</c> with a <c>pretrain</c> run (MOSMOS) also brings the frozen tag decoder whose attention maps feed the
/// decoder, trained with λ · aligning loss; <c>--no-attention</c> takes its encoder only. A RUN folder with a checkpoint
/// resumes from its latest one. With validation, mean Dice on the held-out cases goes to <c>RUN/validation.csv</c>
/// and <c>validation-curve.png</c>, and the best checkpoint is kept as <c>RUN/best</c> (<see cref="ValidationLog"/>).
/// </summary>
public static class FinetuneCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "no-augment", "no-deep-supervision", "no-attention" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var dataset = Dataset.Open(a.Required("data"));
        var run = a.Required("out");
        var init = a.Optional("init");
        var attention = !a.Flag("no-attention");
        var latest = Checkpoint.Latest(run);
        var steps = a.Count("steps");
        var threads = a.Count("threads");
        var requested = FromArguments(a, steps);
        a.ThrowOnUnused();
        // On resume the checkpoint fixes every setting but the number of steps (the cosine then stretches to the new end).
        var options = requested;
        if (latest is not null)
        {
            var saved = Checkpoint.ReadState(latest).Options;
            options = saved with { Steps = steps ?? saved.Steps };
        }
        Directory.CreateDirectory(run);
        // libtorch's OpenMP pool spins while waiting: on a machine shared with other builds, fewer threads than
        // cores can be several times faster (trainer/README.md "Timings").
        if (threads is { } t) TorchSharp.torch.set_num_threads(Math.Max(1, t));

        var (cases, validation) = AnsiConsole.Status().Start("Preparing labelled cases", _ => PrepareCases(dataset, options));
        AnsiConsole.MarkupLineInterpolated($"{cases.Count} labelled cases on a {options.SpacingMm} mm grid, patch {options.Patch}³, batch {options.BatchSize}");
        if (options.Validates) AnsiConsole.MarkupLineInterpolated($"{validation.Count} validation cases ({string.Join(", ", validation.Select(c => c.Id))})");
        using var trainer = latest is not null
            ? SegmentationTrainer.Resume(latest, cases, options.Steps)
            : Fresh(dataset, options, cases, init, attention);
        if (latest is not null) AnsiConsole.MarkupLineInterpolated($"Resuming at step {trainer.Step} from {latest}");
        using var log = new MetricsLog(run, trainer.Step);
        var classes = SegmentationTrainer.ClassNames(trainer.Labels);
        var validationLog = options.Validates ? new ValidationLog(run, classes[1..], trainer.Step) : null;

        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: options.Steps);
                task.Value = trainer.Step;
                while (trainer.Step < options.Steps)
                {
                    var r = trainer.RunStep();
                    log.Append(r);
                    task.Value = r.Step;
                    task.Description = $"step {r.Step} loss {r.Loss:F4} lr {r.LearningRate:E2} {r.Seconds:F2}s";
                    bool validate = validationLog is not null && (options.ValidatesAt(r.Step) || r.Step == options.Steps);
                    if (r.Step % options.CheckpointEvery == 0 || r.Step == options.Steps || validate)
                    {
                        var checkpoint = trainer.SaveCheckpoint(run, dataset.Folder);
                        Charts.TrainingCurve(Path.Combine(run, "training-curve.png"), log.Points);
                        if (validate)
                        {
                            task.Description = $"step {r.Step}: validating on {validation.Count} cases";
                            var score = SegmentationValidator.Run(trainer.Model, validation, options.Patch, classes, Intensity.Floor(options.Intensity), r.Step);
                            bool best = validationLog!.Append(score, checkpoint);
                            AnsiConsole.MarkupLineInterpolated($"step {r.Step}: validation mean Dice {score.MeanDice:F4}{(best ? " (best so far)" : "")}");
                        }
                    }
                }
            });
        AnsiConsole.MarkupLineInterpolated($"Done: {trainer.Step} steps; checkpoints in {Path.Combine(run, "checkpoints")}, log {log.FilePath}");
        if (validationLog?.Best is { } top)
            AnsiConsole.MarkupLineInterpolated($"Best validation mean Dice {top.MeanDice:F4} at step {top.Step}: {Path.Combine(run, ValidationLog.BestFolder)}");
        return 0;
    }

    private static TrainingOptions FromArguments(Arguments a, int? steps)
    {
        var d = new TrainingOptions();
        return d with
        {
            Steps = steps ?? d.Steps,
            Patch = a.Count("patch") ?? d.Patch,
            SpacingMm = a.Number("spacing") ?? d.SpacingMm,
            Seed = a.Seed("seed") ?? d.Seed,
            BatchSize = a.Count("batch") ?? d.BatchSize,
            Widths = a.Ints("widths") ?? d.Widths,
            LearningRate = a.Number("lr") ?? d.LearningRate,
            WarmupSteps = a.Count("warmup") ?? d.WarmupSteps,
            CheckpointEvery = a.Count("checkpoint-every") ?? d.CheckpointEvery,
            Augment = !a.Flag("no-augment"),
            DeepSupervision = !a.Flag("no-deep-supervision"),
            ValidationData = a.Optional("val-data") is { } v ? Path.GetFullPath(v) : null,
            ValidationFraction = a.Number("val-fraction") ?? 0,
            ValidationEvery = a.Count("val-every") ?? 0,
            AlignWeight = a.Number("align-weight") ?? d.AlignWeight,
        };
    }

    /// <summary>Training cases and validation cases: a held-out share of the dataset, or every labelled case of --val-data.</summary>
    private static (List<PreparedCase> Train, List<PreparedCase> Validation) PrepareCases(Dataset dataset, TrainingOptions options)
    {
        var cases = PreparedCase.FromDataset(dataset, options.SpacingMm, options.Intensity);
        if (options.ValidationFraction > 0) return ValidationSplit.Split(cases, options.ValidationFraction, options.Seed);
        if (options.ValidationData is null) return (cases, []);
        var other = Dataset.Open(options.ValidationData);
        if (other.Labels.Count != dataset.Labels.Count || other.Labels.Any(kv => !dataset.Labels.TryGetValue(kv.Key, out var id) || id != kv.Value))
            throw new DatasetFormatException(Path.Combine(other.Folder, Dataset.ManifestFileName), "--val-data has a different label map from --data; validation needs the same labels");
        return (cases, PreparedCase.FromDataset(other, options.SpacingMm, options.Intensity));
    }

    private static SegmentationTrainer Fresh(Dataset dataset, TrainingOptions options, List<PreparedCase> cases, string? init, bool attention)
    {
        var config = SegmentationTrainer.NetworkFor(dataset.Labels, options);
        // MOSMOS: a pre-training run gives the encoder and, unless --no-attention, the frozen tag decoder (issue 9).
        var checkpoint = init is null ? null : Checkpoint.Resolve(init);
        if (checkpoint is not null && PretrainCheckpoint.IsPretraining(checkpoint))
        {
            if (PretrainCheckpoint.ReadState(checkpoint).Options.SpacingMm is var pre && pre != options.SpacingMm)
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] pre-trained at {pre} mm, fine-tuning at {options.SpacingMm} mm: the encoder and attention saw another scale");
            return new SegmentationTrainer(PretrainTransfer.CreateModel(config, options.Seed, checkpoint, attention), options, cases, dataset.Labels);
        }
        var model = SegmentationTrainer.CreateModel(config, options.Seed);
        if (checkpoint is not null)
        {
            using var source = Checkpoint.LoadModel(checkpoint, out var state);
            // The encoder always transfers (MOSMOS pre-training); the decoder only when its shape is the same.
            model.Encoder.load_state_dict(source.Encoder.state_dict());
            if (state.Network.Classes == config.Classes && state.Network.Widths.SequenceEqual(config.Widths))
                model.Decoder.load_state_dict(source.Decoder.state_dict());
        }
        return new SegmentationTrainer(model, options, cases, dataset.Labels);
    }
}
