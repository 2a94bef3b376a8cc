using System.Diagnostics;

namespace Mosmos.Benchmarks.Seg;

/// <summary>Wall and process CPU seconds of each timed pass.</summary>
internal sealed record SegTimes(double[] Wall, double[] Cpu);

/// <summary>
/// <see cref="Timing.Passes"/> with the process CPU time of each pass beside its wall time: on a shared, loaded
/// machine the CPU time is the steadier figure (the encoder runs on every core, so idle it exceeds the wall time).
/// </summary>
internal static class SegTiming
{
    public static SegTimes Passes(int runs, Func<long> pass)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        Timing.Passes(runs, () =>
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long check = pass();
            wall.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
            return check;
        });
        // Timing.Passes runs a first pass and the warm-up before the timed ones: keep the last `runs`.
        return new SegTimes([.. wall.TakeLast(runs)], [.. cpu.TakeLast(runs)]);
    }
}
