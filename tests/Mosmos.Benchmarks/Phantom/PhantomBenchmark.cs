using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Benchmarks.Phantom;

/// <summary>
/// <c>./mosmos bench phantom</c>: time to generate one study in memory (anatomy, rendering, noise, report; no
/// files) on the two grids of issue 3's goals, over several seeds after a warm-up. Wall time and process CPU
/// time are both reported: on a shared machine CPU time is the steadier figure.
/// </summary>
internal static class PhantomBenchmark
{
    private static readonly (string Name, PhantomSize Size, double GoalSeconds)[] Grids =
    [
        ("128×128×64 (small)", PhantomSize.Small, 0.3),
        ("512×512×200 (bench)", PhantomSize.Benchmark, 3.0),
    ];

    public static int Run(BenchOptions options)
    {
        string machine = Machine.Describe();
        var rows = new StringBuilder();
        rows.AppendLine("| grid | studies | median wall s | min wall s | median CPU s | goal (wall) |");
        rows.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var (name, size, goal) in Grids)
        {
            int studies = Math.Max(3, options.Runs);
            PhantomGenerator.Generate(1000, size);  // warm-up: JIT and the thread pool
            var wall = new List<double>();
            var cpu = new List<double>();
            for (int i = 0; i < studies; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var study = PhantomGenerator.Generate((ulong)(2000 + i), size);
                wall.Add(watch.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                GC.KeepAlive(study);
            }
            double median = Timing.Median(wall);
            rows.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {studies} | {median:0.000} | {wall.Min():0.000} | {Timing.Median(cpu):0.000} | ≤ {goal} s: {(median <= goal ? "met" : "missed")} |"));
        }
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            Command: `./mosmos bench phantom` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).

            Machine: {machine}; after: {Machine.LoadAverage()}.

            One study generated in memory per pass (anatomy, organ rasterisation, HU, texture and noise, report; writing
            DICOM files is not included), seeds 2000…, after one warm-up study. Wall and process CPU time per study.

            {rows}
            """);
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), "Phantom generation", body);
        return 0;
    }
}
