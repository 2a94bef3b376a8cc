using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Mosmos.Contracts;
using Mosmos.Onnx;
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

        var labels = (await host.Services.GetRequiredService<SlidingWindowInference>()
            .SegmentAsync(volume, shape, model, CancellationToken.None)).Labels;

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

    /// <summary>
    /// A model exported with float16 probabilities (half the bytes per patch) gives the labels of its float32 twin,
    /// but where the float32 winner leads by less than the float16 rounding.
    /// </summary>
    [Fact]
    public async Task Float16_probabilities_give_the_labels_of_float32_ones_but_for_near_ties()
    {
        var shape = new Extent3(21, 11, 14);
        var volume = DirectOrt.RandomVolume((int)shape.Voxels, seed: 22);
        var model = SlidingWindowModel.FromCard(TinyOnnx.Card());
        var card = ModelCardSerializer.Serialize(TinyOnnx.Card());
        var (fp32, probabilities) = await SegmentAsync(TinyOnnx.Build(TinyOnnx.Version1, card), volume, shape, model);
        var (fp16, _) = await SegmentAsync(TinyOnnx.Build(TinyOnnx.Version1, card, TensorProto.Types.DataType.Float16), volume, shape, model);

        var voxels = (int)shape.Voxels;
        var differ = 0;
        for (var i = 0; i < voxels; i++)
        {
            if (fp16[i] == fp32[i])
                continue;
            differ++;
            var margin = probabilities[fp32[i] * voxels + i] - probabilities[fp16[i] * voxels + i];
            Assert.True(margin < 2e-3, $"voxel {i}: float16 label {fp16[i]}, float32 label {fp32[i]}, float32 margin {margin:E2}");
        }
        Assert.True(differ < voxels / 100, $"{differ} of {voxels} labels differ");
        Assert.Equal(3, fp16.Distinct().Count());
    }

    [Fact]
    public async Task Probabilities_of_another_type_are_refused_naming_it()
    {
        var card = ModelCardSerializer.Serialize(TinyOnnx.Card());
        var volume = DirectOrt.RandomVolume(8 * 6 * 5, seed: 23);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            SegmentAsync(TinyOnnx.Build(TinyOnnx.Version1, card, TensorProto.Types.DataType.Double), volume, new Extent3(8, 6, 5), SlidingWindowModel.FromCard(TinyOnnx.Card())));
        Assert.Contains("is FP64", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("expected FP32 or FP16", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Labels by the sliding window, and the whole volume's float32 probabilities of one pass of the model.</summary>
    private static async Task<(byte[] Labels, float[] Probabilities)> SegmentAsync(byte[] onnx, float[] volume, Extent3 shape, SlidingWindowModel model)
    {
        using var dir = new TempDirectory();
        TinyOnnx.Write(dir.Path, "tiny.onnx", onnx);
        await using var host = await ModelServerHost.StartAsync(dir.Path);
        var labels = (await host.Services.GetRequiredService<SlidingWindowInference>().SegmentAsync(volume, shape, model, CancellationToken.None)).Labels;
        var whole = await host.Client.InferAsync(Requests.Fp32(volume, [1, 1, shape.Z, shape.Y, shape.X]), CancellationToken.None);
        return (labels, whole.Outputs[0].Datatype == "FP32" ? Requests.Output(whole) : []);
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
