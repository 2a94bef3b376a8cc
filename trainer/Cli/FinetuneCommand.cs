using Mosmos.Datasets;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Reporting;
using Mosmos.Trainer.Training;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>finetune --data DIR --out RUN [--init CHECKPOINT] [--steps N] [--patch N] [--spacing MM] [--seed S]
/// [--batch B] [--widths 8,16,32,64] [--lr X] [--warmup N] [--checkpoint-every N] [--threads N] [--no-augment]
/// [--no-deep-supervision]</c>. A RUN folder with a checkpoint resumes from its latest one.
/// </summary>
public static class FinetuneCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "no-augment", "no-deep-supervision" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var dataset = Dataset.Open(a.Required("data"));
        var run = a.Required("out");
        var init = a.Optional("init");
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

        var cases = AnsiConsole.Status().Start("Preparing labelled cases", _ => PreparedCase.FromDataset(dataset, options.SpacingMm, options.Intensity));
        AnsiConsole.MarkupLineInterpolated($"{cases.Count} labelled cases on a {options.SpacingMm} mm grid, patch {options.Patch}³, batch {options.BatchSize}");
        using var trainer = latest is not null
            ? SegmentationTrainer.Resume(latest, cases, options.Steps)
            : Fresh(dataset, options, cases, init);
        if (latest is not null) AnsiConsole.MarkupLineInterpolated($"Resuming at step {trainer.Step} from {latest}");
        using var log = new MetricsLog(run, trainer.Step);

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
                    if (r.Step % options.CheckpointEvery == 0 || r.Step == options.Steps)
                    {
                        trainer.SaveCheckpoint(run, dataset.Folder);
                        Charts.TrainingCurve(Path.Combine(run, "training-curve.png"), log.Points);
                    }
                }
            });
        AnsiConsole.MarkupLineInterpolated($"Done: {trainer.Step} steps; checkpoints in {Path.Combine(run, "checkpoints")}, log {log.FilePath}");
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
        };
    }

    private static SegmentationTrainer Fresh(Dataset dataset, TrainingOptions options, List<PreparedCase> cases, string? init)
    {
        var config = SegmentationTrainer.NetworkFor(dataset.Labels, options);
        var model = SegmentationTrainer.CreateModel(config, options.Seed);
        if (init is not null)
        {
            using var source = Checkpoint.LoadModel(Checkpoint.Resolve(init), out var state);
            // The encoder always transfers (MOSMOS pre-training); the decoder only when its shape is the same.
            model.Encoder.load_state_dict(source.Encoder.state_dict());
            if (state.Network.Classes == config.Classes && state.Network.Widths.SequenceEqual(config.Widths))
                model.Decoder.load_state_dict(source.Decoder.state_dict());
        }
        return new SegmentationTrainer(model, options, cases, dataset.Labels);
    }
}
