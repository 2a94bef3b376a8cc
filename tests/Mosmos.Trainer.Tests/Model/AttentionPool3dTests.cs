using Mosmos.Trainer.Model;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Model;

public sealed class AttentionPool3dTests
{
    [Fact]
    public void AMirroredBottleneckIsToldApartWhereItsMeanIsNot()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        using var pool = new AttentionPool3d(bottleneckChannels: 8, dim: 12, heads: 2);
        var bottleneck = randn([1, 8, 2, 3, 4]);
        var mirrored = bottleneck.flip(4);   // left and right swapped: the same values elsewhere

        Assert.Equal(0f, (bottleneck.mean([2, 3, 4]) - mirrored.mean([2, 3, 4])).abs().max().item<float>(), 6);
        var pooled = pool.Forward(cat([bottleneck, mirrored], 0));
        Assert.Equal(new long[] { 2, 12 }, pooled.shape);
        var difference = (pooled[0] - pooled[1]).abs().max().item<float>();
        Assert.True(difference > 1e-3, $"attention pooling gave a mirrored bottleneck the same feature (max |Δ| {difference:E2})");
    }

    [Fact]
    public void EachImageIsPooledOnItsOwnAndAnyGridSizeIsTaken()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(12);
        using var pool = new AttentionPool3d(bottleneckChannels: 4, dim: 6, heads: 3);
        var batch = randn([3, 4, 2, 2, 5]);
        var together = pool.Forward(batch);
        for (var i = 0; i < 3; i++)
        {
            var alone = pool.Forward(batch.narrow(0, i, 1));
            Assert.True((together[i] - alone[0]).abs().max().item<float>() < 1e-6);
        }
        Assert.Equal(new long[] { 1, 6 }, pool.Forward(randn([1, 4, 1, 1, 1])).shape);
    }
}
