using Mosmos.Trainer.Benchmark;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>bench-step [--patch 64] [--batch 2] [--widths 8,16,32,64] [--classes 17] [--warmup 2] [--steps 5] [--threads N]
/// [--no-deep-supervision]</c>: one line of JSON with the step times and peak RSS of <see cref="StepBenchmark"/>.
/// Run by <c>./mosmos bench train</c> (tests/Mosmos.Benchmarks) once per size, beside the PyTorch peer.
/// </summary>
public static class BenchStepCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "no-deep-supervision" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var timings = StepBenchmark.Run(
            patch: a.Count("patch") ?? 64,
            batch: a.Count("batch") ?? 2,
            widths: a.Ints("widths") ?? [8, 16, 32, 64],
            classes: a.Count("classes") ?? 17,
            deepSupervision: !a.Flag("no-deep-supervision"),
            warmup: a.Count("warmup") ?? 2,
            steps: a.Count("steps") ?? 5,
            threads: a.Count("threads") ?? Environment.ProcessorCount);
        a.ThrowOnUnused();
        Console.WriteLine(StepBenchmark.ToJson(timings));
        return 0;
    }
}
