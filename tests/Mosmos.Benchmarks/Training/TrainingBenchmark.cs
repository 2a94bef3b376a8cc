using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mosmos.Benchmarks.Training;

/// <summary>
/// <c>./mosmos bench train</c>: one training step of the default network (widths 8-16-32-64, deep supervision,
/// 17 classes, batch 2) at 64³ and 96³ in TorchSharp (the trainer's <c>bench-step</c> verb) beside PyTorch running
/// the same network (<c>peers/unet_step.py</c>, Debian python3-torch) with the same thread count, in the same run.
/// Every (framework, size) runs in a process of its own, PyTorch and TorchSharp alternating, so each peak RSS is
/// that configuration's own. The goal is TorchSharp within 1.2× of PyTorch's median step time.
/// </summary>
internal static class TrainingBenchmark
{
    private const double Goal = 1.2;
    private static readonly int[] Patches = [64, 96];

    public static int Run(BenchOptions options)
    {
        var trainer = Environment.GetEnvironmentVariable("MOSMOS_BENCH_TRAINER");
        if (string.IsNullOrEmpty(trainer) || !File.Exists(trainer))
        {
            Console.Error.WriteLine("MOSMOS_BENCH_TRAINER must name the built Mosmos.Trainer.dll (./mosmos bench train sets it)");
            return 2;
        }
        int threads = Environment.ProcessorCount;
        string machine = Machine.Describe();
        var results = new List<(int Patch, Measured TorchSharp, Measured? PyTorch)>();
        foreach (var patch in Patches)
        {
            string[] common = ["--patch", Str(patch), "--batch", "2", "--widths", "8,16,32,64", "--classes", "17",
                "--warmup", "2", "--steps", Str(options.Runs), "--threads", Str(threads)];
            var py = options.Peers ? Measure("/usr/bin/python3", [Script(options), .. common], threads) : null;
            var ts = Measure("dotnet", [trainer, "bench-step", .. common], threads);
            results.Add((patch, ts, py));
            Console.Error.WriteLine($"{patch}³: TorchSharp {ts.Summary}; PyTorch {py?.Summary ?? "not run"}");
        }
        var body = Report(results, options, machine, threads);
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), "Training step", body);
        return results.Any(r => r.TorchSharp.Error is not null) ? 1 : 0;
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Script(BenchOptions options) => Path.Combine(options.Root, "tests", "Mosmos.Benchmarks", "Training", "peers", "unet_step.py");

    /// <summary>Runs one benchmark process (OMP_NUM_THREADS = the thread count for both) and reads its JSON line.</summary>
    private static Measured Measure(string program, IReadOnlyList<string> args, int threads)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = Str(threads);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return Measured.Failed($"{Path.GetFileName(program)} exited with {process.ExitCode}: {LastLine(stderr.Result)}");
            var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            return new Measured(r.GetProperty("framework").GetString()!, r.GetProperty("parameters").GetInt64(),
                [.. r.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble())],
                r.GetProperty("rss_before_mb").GetDouble(), r.GetProperty("peak_rss_mb").GetDouble(),
                r.GetProperty("first_loss").GetDouble(), r.GetProperty("last_loss").GetDouble(), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Measured.Failed($"{program} not found: {e.Message}");
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static string Report(List<(int Patch, Measured TorchSharp, Measured? PyTorch)> results, BenchOptions options, string machine, int threads)
    {
        var sb = new StringBuilder();
        var ts = results.Select(r => r.TorchSharp).FirstOrDefault(m => m.Error is null)?.Framework ?? "TorchSharp";
        var py = results.Select(r => r.PyTorch).FirstOrDefault(m => m?.Error is null)?.Framework ?? "PyTorch (not run)";
        sb.AppendLine(CultureInfo.InvariantCulture, $"Command: `./mosmos bench train --runs {options.Runs}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}; after: {Machine.LoadAverage()}. Threads: {threads} in both (set_num_threads and OMP_NUM_THREADS).");
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant(
            $"One training step of the default network — U-Net widths 8-16-32-64, deep supervision, 17 classes, batch 2, Dice + CE, AdamW, clipping — on a fixed random batch (no sampling or augmentation): {ts} (`Mosmos.Trainer bench-step`) beside {py} (`tests/Mosmos.Benchmarks/Training/peers/unet_step.py`, the same layers and loss). Median of {options.Runs} timed steps after 2 warm-up steps; each framework and size in its own process; peak RSS = VmHWM, “+ over start” = VmHWM − VmRSS before the first step."));
        sb.AppendLine();
        sb.AppendLine("| patch | parameters | TorchSharp s/step (median, min) | PyTorch s/step (median, min) | ratio | TorchSharp peak RSS MB (+ over start) | PyTorch peak RSS MB (+ over start) | goal ≤ 1.2× |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (patch, t, p) in results)
        {
            string ratio = "—", goal = "—";
            if (t.Error is null && p is { Error: null })
            {
                double q = t.Median / p.Median;
                ratio = q.ToString("0.00", CultureInfo.InvariantCulture) + "×";
                goal = q <= Goal ? "met" : "missed";
            }
            var parameters = t.Error is null ? (p is { Error: null } && p.Parameters != t.Parameters ? $"{t.Parameters} ≠ {p.Parameters}" : Str64(t.Parameters)) : "—";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {patch}³ | {parameters} | {t.Cell} | {p?.Cell ?? "not run"} | {ratio} | {t.MemoryCell} | {p?.MemoryCell ?? "—"} | {goal} |");
        }
        return sb.ToString();
    }

    private static string Str64(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One process's result, or why it did not run.</summary>
    private sealed record Measured(string Framework, long Parameters, double[] Seconds, double RssBeforeMb, double PeakRssMb,
        double FirstLoss, double LastLoss, string? Error)
    {
        public static Measured Failed(string error) => new("", 0, [], 0, 0, 0, 0, error);

        public double Median => Timing.Median(Seconds);

        public string Cell => Error is not null ? "failed: " + Error : string.Create(CultureInfo.InvariantCulture, $"{Median:0.000} ({Seconds.Min():0.000})");

        public string MemoryCell => Error is not null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{PeakRssMb:0} (+{PeakRssMb - RssBeforeMb:0})");

        public string Summary => Error ?? string.Create(CultureInfo.InvariantCulture,
            $"{Median:0.000} s/step, peak {PeakRssMb:0} MB, loss {FirstLoss:0.000} → {LastLoss:0.000}");
    }
}
