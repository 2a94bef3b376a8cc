using Mosmos.Trainer.Data;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Training;

public sealed class SegmentationTrainerTests
{
    private static readonly TrainingOptions Tiny = new()
    {
        Steps = 10, Patch = 16, BatchSize = 1, SpacingMm = 1, Widths = [4, 8, 16], WarmupSteps = 2, Seed = 7,
        CheckpointEvery = 100,
    };

    [Fact]
    public void LossDecreasesOnAFixedBatch()
    {
        using var scope = NewDisposeScope();
        var (image, labels) = TinyData.Volume(0);
        var hu = image.Select(v => (float)v).ToArray();
        Intensity.NormalizeInPlace(hu, Intensity.AbdomenCt);
        var x = tensor(hu, [1, 1, TinyData.Edge, TinyData.Edge, TinyData.Edge]);
        var y = tensor(labels.Select(v => (long)v).ToArray(), [1, TinyData.Edge, TinyData.Edge, TinyData.Edge]);
        var model = SegmentationTrainer.CreateModel(new UNetConfig(4, [4, 8, 16], DeepSupervision: true), seed: 3);
        using var opt = optim.AdamW(model.parameters(), 3e-2);
        var losses = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            using var step = NewDisposeScope();
            opt.zero_grad();
            var loss = SegmentationLoss.Compute(model.ForwardAll(x), y);
            loss.backward();
            opt.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < 0.75 * losses[0], $"loss went {string.Join(" → ", losses.Select(l => l.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void ResumingFromACheckpointGivesTheSameNextStep()
    {
        using var tmp = new TempFolder();
        var dataset = TinyData.Write(Path.Combine(tmp.Path, "data"));
        var cases = PreparedCase.FromDataset(dataset, Tiny.SpacingMm, Tiny.Intensity);
        var run = Path.Combine(tmp.Path, "run");

        using var first = new SegmentationTrainer(SegmentationTrainer.CreateModel(SegmentationTrainer.NetworkFor(dataset.Labels, Tiny), Tiny.Seed), Tiny, cases, dataset.Labels);
        first.RunStep();
        first.RunStep();
        var checkpoint = first.SaveCheckpoint(run, dataset.Folder);
        var expected = first.RunStep();
        var expectedWeights = Flatten(first.Model);

        using var resumed = SegmentationTrainer.Resume(checkpoint, cases);
        Assert.Equal(2, resumed.Step);
        var actual = resumed.RunStep();
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.LearningRate, actual.LearningRate);
        Assert.Equal(expected.Loss, actual.Loss, 1e-6);
        var weights = Flatten(resumed.Model);
        var maxDiff = expectedWeights.Zip(weights, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-6, $"max |Δ weight| = {maxDiff:E2}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameRun()
    {
        using var tmp = new TempFolder();
        var dataset = TinyData.Write(tmp.Path, cases: 1);
        var cases = PreparedCase.FromDataset(dataset, Tiny.SpacingMm, Tiny.Intensity);
        double Loss()
        {
            using var t = new SegmentationTrainer(SegmentationTrainer.CreateModel(SegmentationTrainer.NetworkFor(dataset.Labels, Tiny), Tiny.Seed), Tiny, cases, dataset.Labels);
            t.RunStep();
            return t.RunStep().Loss;
        }
        Assert.Equal(Loss(), Loss());
    }

    private static float[] Flatten(UNet3d model)
    {
        using var scope = NewDisposeScope();
        return cat([.. model.parameters().Select(p => p.detach().flatten())]).data<float>().ToArray();
    }
}
