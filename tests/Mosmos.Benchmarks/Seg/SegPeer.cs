using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Mosmos.Benchmarks.Seg;

/// <summary>dcmjs (npm, pinned in tests/node) on the same data in one node process that times itself (<c>peers/dcmjs_seg.mjs</c>).</summary>
internal sealed record SegPeerResult(string? Version, int Frames, long Bytes, bool RoundTrip, SegTimes? Generate, SegTimes? Fill, SegTimes? Decode, string? Error)
{
    public static SegPeerResult Failed(string error) => new(null, 0, 0, false, null, null, null, error);
}

internal static class SegPeer
{
    /// <summary>
    /// dcmjs takes tens of seconds per encode: it gets at most <see cref="MaxRuns"/> timed passes (after one warm-up).
    /// </summary>
    public const int MaxRuns = 3;

    public static SegPeerResult Run(BenchOptions options, SegBenchData data)
    {
        var nodeModules = Environment.GetEnvironmentVariable("MOSMOS_NODE_MODULES") is { Length: > 0 } dir
            ? dir
            : Path.Combine(options.Root, "tests", "node", "node_modules");
        var script = Path.Combine(options.Root, "tests", "Mosmos.Benchmarks", "Seg", "peers", "dcmjs_seg.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        // 300 CT buffers, their parsed data sets and dcmjs's 8-bit working copy of every frame exceed node's default heap
        foreach (var a in new[] { "--max-old-space-size=12288", script, data.Folder, Math.Min(MaxRuns, options.Runs).ToString(CultureInfo.InvariantCulture), nodeModules })
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                return SegPeerResult.Failed($"node exited with {process.ExitCode}: {last}");
            }
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            double[] Values(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
            SegTimes Seconds(string name) => new(Values(root.GetProperty(name).GetProperty("wall")), Values(root.GetProperty(name).GetProperty("cpu")));
            return new SegPeerResult(root.GetProperty("version").GetString(), root.GetProperty("frames").GetInt32(), root.GetProperty("bytes").GetInt64(),
                root.GetProperty("roundTrip").GetBoolean(), Seconds("generate"), Seconds("fill"), Seconds("decode"), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return SegPeerResult.Failed($"node not found: {e.Message}");
        }
    }
}
