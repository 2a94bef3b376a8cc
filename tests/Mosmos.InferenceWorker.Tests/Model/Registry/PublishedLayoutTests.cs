using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Registry;

/// <summary>
/// The trainer's registry layout, NAME/VERSION/model.onnx (trainer/Registry/ModelRegistry.cs): read at start-up,
/// highest version serving, a publish in progress (VERSION.tmp) ignored, and a publish by folder rename picked up
/// by the watcher.
/// </summary>
public sealed class PublishedLayoutTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_start_up_scan_reads_version_folders_and_serves_the_highest_version()
    {
        Publish("1.9.0", TinyOnnx.Version1);
        Publish("1.10.0", TinyOnnx.Version2);
        Publish("2.0.0.tmp", TinyOnnx.Version1, version: "2.0.0");

        await using var host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?> { ["ModelServer:WatchRegistry"] = "false" });

        var model = Assert.Single(host.Registry.Models);
        Assert.Equal("1.10.0", model.Version);
        Assert.Equal(Path.Combine(_dir.Path, "tiny", "1.10.0", "model.onnx"), model.File);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 3001);
    }

    [Fact]
    public async Task A_version_folder_renamed_into_place_is_served_and_its_removal_stops_it()
    {
        Publish("1", TinyOnnx.Version1);
        await using var host = await ModelServerHost.StartAsync(_dir.Path);
        Assert.Equal("1", Assert.Single(host.Registry.Models).Version);

        // As the trainer publishes: everything into VERSION.tmp, then one rename.
        var staging = Publish("2.tmp", TinyOnnx.Version2, version: "2");
        await Task.Delay(300);
        Assert.Equal("1", Assert.Single(host.Registry.Models).Version);
        var final = Path.Combine(_dir.Path, "tiny", "2");
        Directory.Move(staging, final);
        await WaitUntil(() => host.Registry.Models.SingleOrDefault()?.Version == "2");
        var input = DirectOrt.RandomVolume(2 * 3 * 4, seed: 9);
        var response = await host.Client.InferAsync(Requests.Fp32(input, [1, 1, 2, 3, 4]), CancellationToken.None);
        Assert.Equal("2", response.ModelVersion);

        Directory.Delete(final, recursive: true);
        await WaitUntil(() => host.Registry.Models.Count == 0);
        Assert.Null(host.Registry.TryRent(TinyOnnx.ModelName));
    }

    [Theory]
    [InlineData("a/1.9.0/model.onnx", "a/1.10.0/model.onnx")]
    [InlineData("a/2/model.onnx", "a/10/model.onnx")]
    [InlineData("a/1.0.0/model.onnx", "b/0.1.0/model.onnx")]
    [InlineData("m1.onnx", "m01.onnx")]
    public void Digit_runs_compare_by_value(string lower, string higher)
    {
        Assert.True(RegistryLayout.NaturalPathComparer.Instance.Compare(lower, higher) < 0);
        Assert.True(RegistryLayout.NaturalPathComparer.Instance.Compare(higher, lower) > 0);
        Assert.Equal(0, RegistryLayout.NaturalPathComparer.Instance.Compare(lower, lower));
    }

    /// <summary>Writes tiny/FOLDER/model.onnx with its sidecar, the card saying <paramref name="version"/> (default: FOLDER).</summary>
    private string Publish(string folder, (float[] Weights, float[] Bias) weights, string? version = null)
    {
        var directory = Path.Combine(_dir.Path, TinyOnnx.ModelName, folder);
        Directory.CreateDirectory(directory);
        TinyOnnx.Write(directory, "model.onnx", TinyOnnx.Build(version ?? folder, weights));
        return directory;
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
