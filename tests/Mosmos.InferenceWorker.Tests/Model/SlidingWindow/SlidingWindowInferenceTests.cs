using Microsoft.Extensions.DependencyInjection;
using Mosmos.InferenceWorker.Model.SlidingWindow;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.SlidingWindow;

public sealed class SlidingWindowInferenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Sliding_window_over_an_odd_volume_equals_a_whole_volume_run_for_a_pointwise_model(int batch)
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(_dir.Path, new Dictionary<string, string?>
        {
            ["ModelServer:PatchBatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // 21 × 11 × 4: odd sizes; z starts 0, 4, 8, 12, 13 slide the accumulator window four times, the last
        // by one slice; x is narrower than the 5-voxel patch (padded, then discarded).
        var shape = new Extent3(21, 11, 4);
        var volume = DirectOrt.RandomVolume((int)shape.Voxels, seed: 21);
        var model = SlidingWindowModel.FromCard(TinyOnnx.Card());
        Assert.Equal(new Extent3(8, 6, 5), model.Patch);

        var labels = await host.Services.GetRequiredService<SlidingWindowInference>()
            .SegmentAsync(volume, shape, model, CancellationToken.None);

        var whole = await host.Client.InferAsync(Requests.Fp32(volume, [1, 1, shape.Z, shape.Y, shape.X]), CancellationToken.None);
        var probabilities = Requests.Output(whole);
        var voxels = (int)shape.Voxels;
        var expected = new byte[voxels];
        for (var i = 0; i < voxels; i++)
        {
            var best = 0;
            for (var c = 1; c < 3; c++)
            {
                if (probabilities[c * voxels + i] > probabilities[best * voxels + i])
                    best = c;
            }
            expected[i] = (byte)best;
        }
        Assert.Equal(expected, labels);
        Assert.Equal(3, labels.Distinct().Count());
    }

    [Fact]
    public async Task A_volume_that_does_not_match_its_shape_is_refused()
    {
        TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(_dir.Path);
        var window = host.Services.GetRequiredService<SlidingWindowInference>();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            window.SegmentAsync(new float[10], new Extent3(2, 2, 2), SlidingWindowModel.FromCard(TinyOnnx.Card()), CancellationToken.None));
    }
}
