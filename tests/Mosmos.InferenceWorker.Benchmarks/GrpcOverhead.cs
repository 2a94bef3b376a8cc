using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>
/// One patch of a model through direct ONNX Runtime (pre-bound OrtValues) and through the Open Inference Protocol,
/// in-process (Unix socket) and remote (a second worker process in --model-server mode, loopback TCP). The three
/// calls alternate within each round, so background load hits them alike; the overhead of a path is the median of
/// its per-round differences to the direct call.
/// </summary>
internal static class GrpcOverhead
{
    public sealed record Row(string Path, double MedianMs, double MinMs, double? OverheadMs);

    /// <param name="registry">A registry directory or model file holding <paramref name="model"/> (with its SHA-256).</param>
    public static async Task<IReadOnlyList<Row>> MeasureAsync(byte[] model, ModelCard card, string registry, int rounds)
    {
        var patch = new PatchCall(card);
        using var direct = new DirectCall(model, patch);
        await using var host = await ModelServerHost.StartAsync(registry,
            new Dictionary<string, string?> { ["ModelServer:IntraOpThreads"] = "0", ["ModelServer:WatchRegistry"] = "false" });
        using var server = RemoteServer.Start(registry, out var port);
        try
        {
            using var remote = ModelChannels.Remote(new Uri($"http://127.0.0.1:{port}"), 256 << 20);
            await RemoteServer.WaitReadyAsync(remote);
            Func<Task>[] calls = [() => { direct.Run(); return Task.CompletedTask; }, () => patch.InferAsync(host.Client), () => patch.InferAsync(remote)];
            var times = calls.Select(_ => new double[rounds]).ToArray();
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
            return
            [
                Summarise("direct ONNX Runtime (OrtValue, pre-bound output)", times[0], null),
                Summarise("gRPC in-process (Unix socket)", times[1], times[0]),
                Summarise("gRPC remote (second process, loopback TCP)", times[2], times[0]),
            ];
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The patch of the measurement: its size, and the bytes in and out (out in the model's own output type).</summary>
    public static string Describe(ModelCard card, byte[] model, int rounds)
    {
        var patch = new PatchCall(card);
        using var session = new InferenceSession(model);
        var (datatype, bytes) = session.OutputMetadata[card.OutputName].ElementDataType == TensorElementType.Float16 ? ("FP16", 2) : ("FP32", 4);
        return string.Create(CultureInfo.InvariantCulture,
            $"one {card.PatchSize[0]}×{card.PatchSize[1]}×{card.PatchSize[2]} patch ({patch.InputBytes / 1e6:F1} MB FP32 in, " +
            $"{patch.Classes} classes × {datatype} = {patch.Classes * patch.Input.LongLength * bytes / 1e6:F1} MB out), {rounds} rounds after 3 warm-ups");
    }

    public static string Table(IReadOnlyList<Row> rows)
    {
        var lines = new List<string> { "| path | median ms | min ms | overhead vs direct (median of differences) ms |", "|---|---:|---:|---:|" };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Path} | {r.MedianMs:F1} | {r.MinMs:F1} | {(r.OverheadMs is { } o ? o.ToString("F1", CultureInfo.InvariantCulture) : "—")} |")));
        return string.Join('\n', lines);
    }

    private static Row Summarise(string path, double[] times, double[]? baseline) =>
        new(path, Median(times), times.Min(), baseline is null ? null : Median(times.Zip(baseline, (t, b) => t - b).ToArray()));

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
