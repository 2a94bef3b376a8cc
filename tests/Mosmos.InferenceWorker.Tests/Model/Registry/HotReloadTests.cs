using Microsoft.ML.OnnxRuntime;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Registry;

public sealed class HotReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_request_in_flight_finishes_on_the_old_session_and_the_next_uses_the_new_model()
    {
        var path = TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?> { ["ModelServer:WatchRegistry"] = "false" });

        // An inference in flight holds a lease, exactly as ModelInfer does for the length of a request.
        var inFlight = host.Registry.TryRent("tiny")!;
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("2", TinyOnnx.Version2));
        host.Registry.Reload(path);

        Assert.False(inFlight.Model.IsDisposed);
        Assert.Equal("1", inFlight.Model.Version);
        var input = DirectOrt.RandomVolume(6, seed: 3);
        using (var value = OrtValue.CreateTensorValueFromMemory(input, [1, 1, 1, 2, 3]))
        using (var results = inFlight.Model.Session.Run(new RunOptions(), ["image"], [value], ["probs"]))
            Assert.Equal(18, results[0].GetTensorDataAsSpan<float>().Length);
        var old = inFlight.Model;
        inFlight.Dispose();
        Assert.True(old.IsDisposed);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3003);

        var next = await host.Client.InferAsync(Requests.Fp32(input, [1, 1, 1, 2, 3]), CancellationToken.None);
        Assert.Equal("2", next.ModelVersion);
        var expected = DirectOrt.Run(TinyOnnx.Build("2", TinyOnnx.Version2), input, [1, 1, 1, 2, 3]);
        Assert.Equal(expected, Requests.Output(next));
    }

    [Fact]
    public async Task Replacing_the_file_under_load_swaps_the_model_without_failing_a_request()
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(_dir.Path);
        var input = DirectOrt.RandomVolume(4 * 8 * 8, seed: 5);
        using var stop = new CancellationTokenSource(Patience);
        var versions = new List<string>();

        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await host.Client.InferAsync(Requests.Fp32(input, [1, 1, 4, 8, 8]), CancellationToken.None);
                lock (versions)
                    versions.Add(response.ModelVersion);
                if (response.ModelVersion == "2")
                    return;
            }
        });
        await WaitUntil(() => { lock (versions) return versions.Count > 3; });

        // A bad replacement is refused and the serving model stays.
        File.WriteAllBytes(Path.Combine(_dir.Path, "tiny.onnx"), TinyOnnx.Build("3", TinyOnnx.Version2));
        await WaitUntil(() => host.Logs.Entries.Any(e => e.EventId.Id == 3001));
        Assert.Equal("1", host.Registry.Models.Single().Version);

        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("2", TinyOnnx.Version2));
        await load;

        Assert.Equal("2", versions[^1]);
        Assert.All(versions, v => Assert.True(v is "1" or "2"));
        // Requests see the new model the moment it is swapped in; the watcher thread logs the swap just after.
        await WaitUntil(() => host.Logs.Entries.Any(e => e.EventId.Id == 3002));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
