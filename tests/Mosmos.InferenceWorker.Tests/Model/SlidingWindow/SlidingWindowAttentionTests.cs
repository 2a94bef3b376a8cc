using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.SlidingWindow;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.SlidingWindow;

/// <summary>
/// The attention output of a MOSMOS model, blended over the sliding window: checked against a plain reference that
/// runs every patch on ONNX Runtime directly and spreads each bottleneck cell over its block of voxels.
/// </summary>
public sealed class SlidingWindowAttentionTests
{
    private static ModelCard Card() => TinyOnnx.Card() with { AttentionOutputName = "attention", Tags = ["liver", "spleen"] };

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Blended_attention_equals_the_patch_by_patch_reference(int batch)
    {
        // Patch (z, y, x) = (8, 6, 5); cells of 2 × 3 × 1 voxels: a bottleneck grid of 4 × 2 × 5.
        var onnx = TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(Card()), attentionPool: (2, 3, 1));
        var shape = new Extent3(21, 11, 14);
        var volume = DirectOrt.RandomVolume((int)shape.Voxels, seed: 31);
        var model = SlidingWindowModel.WithAttention(Card());
        Assert.Equal(("attention", 2), (model.AttentionOutputName, model.Tags));

        var result = await SegmentAsync(onnx, volume, shape, model, batch);

        var expected = Reference(onnx, volume, shape, model, (2, 3, 1));
        var attention = Assert.IsType<AttentionMaps>(result.Attention);
        Assert.Equal(2, attention.Tags);
        for (var k = 0; k < 2; k++)
        {
            var actual = attention.Map(k);
            for (var i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[k][i]) < 1e-5, $"tag {k}, voxel {i}: {actual[i]} vs {expected[k][i]}");
            Assert.True(actual.Min() >= 0 && actual.Max() <= 1 + 1e-6, $"tag {k}: values outside [0, 1]");
            Assert.True(actual.Max() > 0.9, $"tag {k}: the blended maximum {actual.Max()} is not near its patches' 1");
        }
    }

    [Fact]
    public async Task Only_the_kept_tags_are_blended_and_they_equal_the_reference()
    {
        var onnx = TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(Card()), attentionPool: (2, 3, 1));
        var shape = new Extent3(13, 9, 7);
        var volume = DirectOrt.RandomVolume((int)shape.Voxels, seed: 35);
        var model = SlidingWindowModel.WithAttention(Card(), tag => tag == "spleen");
        Assert.Equal((2, 1), (model.Tags, model.KeptTagCount));

        var attention = Assert.IsType<AttentionMaps>((await SegmentAsync(onnx, volume, shape, model, 2)).Attention);

        Assert.False(attention.Holds(0), "the liver map was blended though only the spleen was asked for");
        Assert.Throws<InvalidOperationException>(() => attention.Map(0));
        var expected = Reference(onnx, volume, shape, model, (2, 3, 1))[1];
        var actual = attention.Map(1);
        for (var i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) < 1e-5, $"voxel {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public async Task Without_an_attention_output_in_the_request_nothing_is_blended()
    {
        var onnx = TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(Card()), attentionPool: (2, 3, 1));
        var result = await SegmentAsync(onnx, DirectOrt.RandomVolume(8 * 6 * 5, seed: 32), new Extent3(8, 6, 5), SlidingWindowModel.FromCard(Card()), 1);
        Assert.Null(result.Attention);
    }

    [Fact]
    public async Task A_bottleneck_grid_that_does_not_divide_the_patch_is_refused_naming_it()
    {
        // x: 5 voxels pooled by 2 → 2 cells, which cannot each stand for a whole block.
        var onnx = TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(Card()), attentionPool: (2, 3, 2));
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            SegmentAsync(onnx, DirectOrt.RandomVolume(8 * 6 * 5, seed: 33), new Extent3(8, 6, 5), SlidingWindowModel.WithAttention(Card()), 1));
        Assert.Contains("attention output 'attention' is FP32 [1,2,4,2,2]", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("dividing the patch 8×6×5", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_count_other_than_the_cards_is_refused()
    {
        var onnx = TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(Card()), attentionPool: (2, 3, 1));
        var model = SlidingWindowModel.WithAttention(Card()) with { Tags = 3 };
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            SegmentAsync(onnx, DirectOrt.RandomVolume(8 * 6 * 5, seed: 34), new Extent3(8, 6, 5), model, 1));
        Assert.Contains("expected FP32 [1,3,d,h,w]", error.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<SlidingWindowResult> SegmentAsync(byte[] onnx, float[] volume, Extent3 shape, SlidingWindowModel model, int batch)
    {
        using var dir = new TempDirectory();
        TinyOnnx.Write(dir.Path, "tiny.onnx", onnx);
        await using var host = await ModelServerHost.StartAsync(dir.Path, new Dictionary<string, string?>
        {
            ["ModelServer:PatchBatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return await host.Services.GetRequiredService<SlidingWindowInference>().SegmentAsync(volume, shape, model, CancellationToken.None);
    }

    /// <summary>Every patch through ONNX Runtime on its own; each cell's value times the voxel's Gaussian weight, summed, over the weight sum.</summary>
    private static float[][] Reference(byte[] onnx, float[] volume, Extent3 shape, SlidingWindowModel model, (int Z, int Y, int X) pool)
    {
        var patch = model.Patch;
        var (wz, wy, wx) = (GaussianImportance.Axis(patch.Z), GaussianImportance.Axis(patch.Y), GaussianImportance.Axis(patch.X));
        var (d, h, w) = (patch.Z / pool.Z, patch.Y / pool.Y, patch.X / pool.X);
        var voxels = (int)shape.Voxels;
        var sums = new double[model.Tags][];
        for (var k = 0; k < model.Tags; k++)
            sums[k] = new double[voxels];
        var weights = new double[voxels];
        foreach (var z0 in PatchGrid.Starts(shape.Z, patch.Z, model.Overlap))
        foreach (var y0 in PatchGrid.Starts(shape.Y, patch.Y, model.Overlap))
        foreach (var x0 in PatchGrid.Starts(shape.X, patch.X, model.Overlap))
        {
            var input = new float[patch.Z * patch.Y * patch.X];
            for (var z = 0; z < patch.Z; z++)
            for (var y = 0; y < patch.Y; y++)
            for (var x = 0; x < patch.X; x++)
            {
                if (z0 + z < shape.Z && y0 + y < shape.Y && x0 + x < shape.X)
                    input[(z * patch.Y + y) * patch.X + x] = volume[((z0 + z) * shape.Y + y0 + y) * shape.X + x0 + x];
            }
            var maps = DirectOrt.Run(onnx, input, [1, 1, patch.Z, patch.Y, patch.X], outputName: "attention");
            for (var z = 0; z < patch.Z && z0 + z < shape.Z; z++)
            for (var y = 0; y < patch.Y && y0 + y < shape.Y; y++)
            for (var x = 0; x < patch.X && x0 + x < shape.X; x++)
            {
                var v = ((z0 + z) * shape.Y + y0 + y) * shape.X + x0 + x;
                double weight = wz[z] * wy[y] * wx[x];
                weights[v] += weight;
                for (var k = 0; k < model.Tags; k++)
                    sums[k][v] += weight * maps[((k * d + z / pool.Z) * h + y / pool.Y) * w + x / pool.X];
            }
        }
        return sums.Select(s => s.Select((value, v) => (float)(value / weights[v])).ToArray()).ToArray();
    }
}
