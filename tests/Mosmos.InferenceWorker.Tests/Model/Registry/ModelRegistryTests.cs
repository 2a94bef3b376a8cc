using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_start_up_scan_serves_good_models_and_refuses_bad_ones_by_file()
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        TinyOnnx.Write(_dir.Path, "cardless.onnx", TinyOnnx.Build(TinyOnnx.Version1, cardJson: null));
        await using var host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?> { ["ModelServer:WatchRegistry"] = "false" });

        Assert.True(host.Registry.IsReady);
        Assert.Equal("tiny", Assert.Single(host.Registry.Models).Name);
        var refusal = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 3001);
        Assert.Contains("cardless.onnx", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPublished_reloads_on_demand_against_the_announced_digest()
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?> { ["ModelServer:WatchRegistry"] = "false" });
        var v2 = TinyOnnx.Build("2", TinyOnnx.Version2);
        File.WriteAllBytes(Path.Combine(_dir.Path, "tiny-2.onnx"), v2);

        var wrong = new ModelPublished("tiny", "2", "tiny-2.onnx", new string('a', 64), DateTimeOffset.UtcNow);
        Assert.Throws<ModelLoadException>(() => host.Registry.Apply(wrong));
        Assert.Equal("1", Assert.Single(host.Registry.Models).Version);

        var remote = new ModelPublished("tiny", "2", "https://models.example/tiny-2.onnx", TinyOnnx.Sha256(v2), DateTimeOffset.UtcNow);
        Assert.Contains("not fetched", Assert.Throws<ModelLoadException>(() => host.Registry.Apply(remote)).Message, StringComparison.Ordinal);

        var published = new ModelPublished("tiny", "2", "tiny-2.onnx", TinyOnnx.Sha256(v2), DateTimeOffset.UtcNow);
        Assert.Equal("2", host.Registry.Apply(published).Version);
        Assert.True(await host.Client.IsModelReadyAsync("tiny", CancellationToken.None));
        Assert.Equal("2", Assert.Single(host.Registry.Models).Version);
    }
}
