using System.Diagnostics;
using System.Globalization;
using Mosmos.InferenceWorker.Benchmarks;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Tests.Support;

// One 96³ FP32 patch through the tiny pointwise model (3 classes): direct ONNX Runtime against the same call
// through the Open Inference Protocol, in-process (Unix socket) and remote (second worker process, loopback TCP).
// The model does almost no arithmetic, so the differences are the cost of the gRPC path itself. The three calls
// alternate within each round, so background load hits them alike; the overhead is the median of per-round
// differences.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
using var dir = new TempDirectory();
var model = TinyOnnx.Build("1", TinyOnnx.Version1);
TinyOnnx.Write(dir.Path, "tiny.onnx", model);
var patch = new PatchCall(96);
Console.WriteLine($"patch 1x1x96^3 FP32 in ({patch.InputBytes / 1e6:F1} MB), 3 classes out ({3 * patch.InputBytes / 1e6:F1} MB); " +
    $"{rounds} rounds after 3 warm-ups; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

using var direct = new DirectCall(model, patch);
await using var host = await ModelServerHost.StartAsync(dir.Path, new Dictionary<string, string?> { ["ModelServer:IntraOpThreads"] = "0" });
using var server = RemoteServer.Start(dir.Path, out var port);
try
{
    using var remote = ModelChannels.Remote(new Uri($"http://127.0.0.1:{port}"), 256 << 20);
    await RemoteServer.WaitReadyAsync(remote);
    Func<Task>[] calls = [() => { direct.Run(); return Task.CompletedTask; }, () => patch.InferAsync(host.Client), () => patch.InferAsync(remote)];
    var times = new double[calls.Length][];
    for (var c = 0; c < calls.Length; c++)
        times[c] = new double[rounds];
    for (var round = -3; round < rounds; round++)
    {
        for (var c = 0; c < calls.Length; c++)
        {
            var watch = Stopwatch.StartNew();
            await calls[c]();
            if (round >= 0)
                times[c][round] = watch.Elapsed.TotalMilliseconds;
        }
    }
    Report("direct ORT (OrtValue, pre-bound output)", times[0], null);
    Report("gRPC in-process (Unix socket)", times[1], times[0]);
    Report("gRPC remote (second process, loopback TCP)", times[2], times[0]);
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
}

static void Report(string name, double[] times, double[]? baseline)
{
    var sorted = times.Order().ToArray();
    var line = $"{name,-44} median {sorted[sorted.Length / 2],7:F1} ms  min {sorted[0],7:F1}  max {sorted[^1],7:F1}";
    if (baseline is not null)
    {
        var overhead = times.Zip(baseline, (t, b) => t - b).Order().ToArray();
        line += $"  overhead vs direct: median {overhead[overhead.Length / 2],6:F1} ms";
    }
    Console.WriteLine(line);
}
