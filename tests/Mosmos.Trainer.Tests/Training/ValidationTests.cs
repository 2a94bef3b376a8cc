using System.Globalization;
using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Training;

namespace Mosmos.Trainer.Tests.Training;

/// <summary>Validation during fine-tuning: the split, the Dice it reports, that it never changes training, and the best checkpoint.</summary>
public sealed class ValidationTests
{
    private static readonly TrainingOptions Tiny = new()
    {
        Steps = 4, Patch = 16, BatchSize = 1, SpacingMm = 1, Widths = [4, 8, 16], WarmupSteps = 1, Seed = 7, CheckpointEvery = 100,
    };

    private static PreparedCase Case(string id) => new(id, [1, 1, 1], [0f], [0]);

    [Fact]
    public void TheSplitDependsOnSeedAndIdsOnly()
    {
        var cases = Enumerable.Range(0, 20).Select(i => Case($"case-{i:D2}")).ToList();
        var (train, validation) = ValidationSplit.Split(cases, 0.2, seed: 5);
        Assert.Equal(4, validation.Count);
        Assert.Equal(16, train.Count);
        Assert.Empty(train.Select(c => c.Id).Intersect(validation.Select(c => c.Id)));

        var shuffled = cases.AsEnumerable().Reverse().ToList();
        Assert.Equal(validation.Select(c => c.Id).Order(), ValidationSplit.Split(shuffled, 0.2, seed: 5).Validation.Select(c => c.Id).Order());
        var other = ValidationSplit.Split(cases, 0.2, seed: 6).Validation.Select(c => c.Id).Order();
        Assert.NotEqual(validation.Select(c => c.Id).Order(), other);

        Assert.Single(ValidationSplit.Split(cases.Take(2).ToList(), 0.1, seed: 1).Validation);
        Assert.Throws<ArgumentException>(() => ValidationSplit.Split([Case("only")], 0.5, seed: 1));
        Assert.Throws<ArgumentException>(() => ValidationSplit.Split(cases, 0, seed: 1));
    }

    [Fact]
    public void DiceAgainstHandCountedVoxels()
    {
        byte[] truth = [0, 1, 1, 1, 2, 2, 0, 0];
        byte[] predicted = [1, 1, 1, 0, 2, 0, 0, 0];
        Assert.Equal(2.0 * 2 / (3 + 3), SegmentationValidator.Dice(predicted, truth, 1));
        Assert.Equal(2.0 * 1 / (1 + 2), SegmentationValidator.Dice(predicted, truth, 2));
        Assert.Null(SegmentationValidator.Dice(predicted, truth, 3));
        // Half-patch stride, the last window flush with the end.
        Assert.Equal([0, 8, 16, 24, 32, 40, 48], SegmentationValidator.Starts(64, 16));
        Assert.Equal([0, 8, 16, 24], SegmentationValidator.Starts(40, 16));
        Assert.Equal([0, 7, 14, 22, 29], SegmentationValidator.Starts(45, 16));
        Assert.Equal([0], SegmentationValidator.Starts(10, 16));
    }

    [Fact]
    public void ValidationScoresHeldOutCasesWithoutChangingTraining()
    {
        using var tmp = new TempFolder();
        var dataset = TinyData.Write(Path.Combine(tmp.Path, "data"), cases: 3);
        var cases = PreparedCase.FromDataset(dataset, Tiny.SpacingMm, Tiny.Intensity);
        var (train, validation) = ValidationSplit.Split(cases, 0.34, Tiny.Seed);
        var classes = SegmentationTrainer.ClassNames(dataset.Labels);

        List<double> Losses(bool validate)
        {
            using var t = new SegmentationTrainer(SegmentationTrainer.CreateModel(SegmentationTrainer.NetworkFor(dataset.Labels, Tiny), Tiny.Seed), Tiny, train, dataset.Labels);
            var losses = new List<double>();
            for (int i = 0; i < 3; i++)
            {
                losses.Add(t.RunStep().Loss);
                if (validate)
                {
                    var score = SegmentationValidator.Run(t.Model, validation, Tiny.Patch, classes, Intensity.Floor(Tiny.Intensity), t.Step);
                    Assert.InRange(score.MeanDice, 0, 1);
                    Assert.Equal(t.Step, score.Step);
                    Assert.All(score.DicePerOrgan.Keys, k => Assert.Contains(k, classes[1..]));
                    Assert.True(t.Model.training, "the model is back in training mode");
                }
            }
            return losses;
        }
        Assert.Equal(Losses(validate: false), Losses(validate: true));
    }

    [Fact]
    public void FinetuneLogsValidationKeepsTheBestCheckpointAndResumesConsistently()
    {
        using var tmp = new TempFolder();
        var data = Path.Combine(tmp.Path, "data");
        TinyData.Write(data, cases: 3);
        var run = Path.Combine(tmp.Path, "run");
        string[] args = ["--data", data, "--out", run, "--steps", "4", "--patch", "16", "--spacing", "2", "--batch", "1", "--widths", "4,8,16",
            "--warmup", "1", "--checkpoint-every", "3", "--val-fraction", "0.34", "--val-every", "2", "--lr", "0.01"];
        Assert.Equal(0, FinetuneCommand.Run(new Arguments(args, FinetuneCommand.Flags)));

        // Validated at 2 and 4 (val-every), checkpointed at 2, 3 (checkpoint-every) and 4.
        var rows = File.ReadAllLines(Path.Combine(run, ValidationLog.FileName));
        Assert.Equal("step,mean_dice,kidney_left,kidney_right,spleen", rows[0]);
        Assert.Equal(["2", "4"], rows.Skip(1).Select(r => r.Split(',')[0]));
        Assert.Equal(["step-000002", "step-000003", "step-000004"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.True(new FileInfo(Path.Combine(run, "validation-curve.png")).Length > 100);
        var dice = rows.Skip(1).Select(r => double.Parse(r.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        int bestStep = dice[1] > dice[0] ? 4 : 2;
        var best = Path.Combine(run, ValidationLog.BestFolder);
        Assert.Equal(bestStep, Checkpoint.ReadState(best).Step);
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "checkpoints", $"step-{bestStep:D6}", Checkpoint.ModelFile)),
            File.ReadAllBytes(Path.Combine(best, Checkpoint.ModelFile)));

        // Resume from step 3 (as after a crash before step 4 was written): the row of step 4 goes, best/ follows.
        Directory.Delete(Path.Combine(run, "checkpoints", "step-000004"), recursive: true);
        var log = new ValidationLog(run, ["kidney_left", "kidney_right", "spleen"], resumeStep: 3);
        Assert.Equal([2], log.Scores.Select(s => s.Step));
        Assert.Equal(2, Checkpoint.ReadState(best).Step);
        Assert.Equal(dice[0], log.Best!.MeanDice, 1e-4);

        // Running on reproduces step 4's validation.
        Assert.Equal(0, FinetuneCommand.Run(new Arguments(args, FinetuneCommand.Flags)));
        var again = File.ReadAllLines(Path.Combine(run, ValidationLog.FileName)).Skip(1).Select(r => double.Parse(r.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(dice.Length, again.Length);
        Assert.Equal(dice[1], again[1], 1e-3);
        Assert.Equal(bestStep, Checkpoint.ReadState(best).Step);
    }

    [Fact]
    public void BadValidationSettingsAreRefused()
    {
        Assert.Contains("val-fraction must be in [0, 1)",
            Assert.Throws<ArgumentException>(() => (Tiny with { ValidationFraction = 1 }).Validate(8)).Message, StringComparison.Ordinal);
        Assert.Contains("either --val-data or --val-fraction",
            Assert.Throws<ArgumentException>(() => (Tiny with { ValidationFraction = 0.2, ValidationData = "/x" }).Validate(8)).Message, StringComparison.Ordinal);
        Assert.True((Tiny with { ValidationFraction = 0.2 }).ValidatesAt(100));
        Assert.False((Tiny with { ValidationFraction = 0.2, ValidationEvery = 3 }).ValidatesAt(100));
        Assert.False(Tiny.ValidatesAt(100));
    }
}
