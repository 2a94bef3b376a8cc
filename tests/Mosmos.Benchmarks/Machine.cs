using System.Runtime.InteropServices;

namespace Mosmos.Benchmarks;

/// <summary>What the numbers were taken on: cores, CPU model, memory, load, runtime.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        double memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30);
        return $"nproc {Environment.ProcessorCount}, CPU {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, " +
            $"{memoryGiB:F0} GiB, {RuntimeInformation.FrameworkDescription}, load average before: {LoadAverage()}";
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
