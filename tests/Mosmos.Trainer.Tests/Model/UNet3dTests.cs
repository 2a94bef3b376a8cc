using Mosmos.Trainer.Model;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Model;

public sealed class UNet3dTests
{
    [Fact]
    public void DeepSupervisionGivesOneOutputPerDecoderLevel()
    {
        using var scope = NewDisposeScope();
        using var model = new UNet3d(new UNetConfig(3, [4, 8, 16, 32], DeepSupervision: true));
        var outputs = model.ForwardAll(randn([2, 1, 16, 24, 32]));
        Assert.Equal(3, outputs.Count);
        Assert.Equal(new long[] { 2, 3, 16, 24, 32 }, outputs[0].shape);
        Assert.Equal(new long[] { 2, 3, 8, 12, 16 }, outputs[1].shape);
        Assert.Equal(new long[] { 2, 3, 4, 6, 8 }, outputs[2].shape);
    }

    [Fact]
    public void EncoderIsASeparateModuleWithItsOwnStateDictPrefix()
    {
        using var model = new UNet3d(new UNetConfig(2, [4, 8]));
        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("encoder.stages.0.0.conv.weight", keys);
        Assert.Contains("encoder.stages.1.1.norm.bias", keys);
        Assert.Contains("decoder.up.0.weight", keys);
        Assert.Contains("decoder.head.bias", keys);
        Assert.Equal(model.Encoder.state_dict().Count, keys.Count(k => k.StartsWith("encoder.", StringComparison.Ordinal)));
    }

    [Fact]
    public void DecoderTakesAttentionMapsAtTheBottleneckAndUpperLevels()
    {
        using var scope = NewDisposeScope();
        using var model = new UNet3d(new UNetConfig(3, [4, 8, 16], AttentionChannels: 5));
        var logits = model.ForwardAll(randn([1, 1, 16, 16, 16]), attention: rand([1, 5, 4, 4, 4]));
        Assert.Equal(new long[] { 1, 3, 16, 16, 16 }, logits[0].shape);
        Assert.Throws<ArgumentException>(() => model.forward(randn([1, 1, 16, 16, 16])));
    }
}
