using System.Diagnostics;

namespace Mosmos.Benchmarks;

/// <summary>Seconds per pass over the whole file set: warm-up passes (JIT, page cache), then the timed ones.</summary>
internal static class Timing
{
    /// <summary>
    /// Warm-up time: the runtime recompiles hot methods with full optimisation (tier 1) only after ~30 calls and a
    /// background delay, which a loaded machine stretches; without it a short pass measures tier-0 code, not the
    /// steady state of a service.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static double[] Passes(int runs, Func<long> pass)
    {
        long check = pass();
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < WarmUp;)
            pass();
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            // The pass returns a checksum so the work cannot be optimised away; it must not change between passes.
            if (pass() != check) throw new InvalidOperationException("a benchmark pass gave a different result");
            seconds[i] = watch.Elapsed.TotalSeconds;
        }
        return seconds;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
