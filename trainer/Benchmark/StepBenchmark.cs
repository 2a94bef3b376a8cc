using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Benchmark;

/// <summary>What one benchmark process measures: seconds per training step, peak resident memory, the losses.</summary>
public sealed record StepTimings(string Framework, int Patch, int Batch, int Threads, long Parameters, double[] Seconds,
    double RssBeforeMb, double PeakRssMb, double FirstLoss, double LastLoss);

/// <summary>
/// The training step of <see cref="SegmentationTrainer.RunStep"/> without data sampling or augmentation, on a fixed
/// random batch: forward with deep supervision, Dice + cross-entropy, backward, gradient clipping at 12, AdamW —
/// the exact network and loss the trainer uses. <c>tests/Mosmos.Benchmarks/Training/peers/unet_step.py</c> runs the
/// same in PyTorch; each size runs in a process of its own so the peak RSS (VmHWM) is that size's.
/// </summary>
public static class StepBenchmark
{
    public static StepTimings Run(int patch, int batch, int[] widths, int classes, bool deepSupervision, int warmup, int steps, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        set_num_threads(threads);
        var config = new UNetConfig(classes, widths, DeepSupervision: deepSupervision);
        using var model = SegmentationTrainer.CreateModel(config, seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 3e-3, weight_decay: 1e-4);
        random.manual_seed(2);
        using var image = randn(new long[] { batch, 1, patch, patch, patch });
        using var labels = randint(0, classes, new long[] { batch, patch, patch, patch }, dtype: int64);
        long parameters = model.parameters().Sum(p => p.numel());
        double before = Rss("VmRSS:");
        var seconds = new List<double>();
        double first = double.NaN, last = double.NaN;
        for (int i = 0; i < warmup + steps; i++)
        {
            var clock = Stopwatch.StartNew();
            double loss = Step(model, optimizer, image, labels);
            if (i >= warmup) seconds.Add(clock.Elapsed.TotalSeconds);
            if (i == 0) first = loss;
            last = loss;
        }
        return new StepTimings($"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)} (libtorch {__version__})", patch, batch, threads,
            parameters, [.. seconds], before, Rss("VmHWM:"), first, last);
    }

    private static double Step(UNet3d model, TorchSharp.Modules.AdamW optimizer, Tensor image, Tensor labels)
    {
        using var scope = NewDisposeScope();
        model.train();
        optimizer.zero_grad();
        var loss = SegmentationLoss.Compute(model.ForwardAll(image), labels);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), 12);
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>A <c>/proc/self/status</c> field in MB (Linux): VmRSS now, VmHWM the peak.</summary>
    private static double Rss(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    public static string ToJson(StepTimings timings) => JsonSerializer.Serialize(timings, StepTimingsJson.Default.StepTimings);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(StepTimings))]
internal sealed partial class StepTimingsJson : System.Text.Json.Serialization.JsonSerializerContext;
