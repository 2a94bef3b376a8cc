using Mosmos.Trainer.Model;
using Mosmos.Trainer.Pretraining;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

/// <summary>The pixel-tag attention maps: shapes, one unit of mass per map, and the positional encoding.</summary>
public sealed class TagAttentionTests
{
    private static readonly TagHeadConfig Head = new(["kidney_left", "kidney_right", "spleen"], EmbedDim: 12, Heads: 2, Layers: 2, MlpRatio: 2);

    [Fact]
    public void TagDecoderGivesOneLogitAndOneMapPerTagSummingToOneOverSpace()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var decoder = new TagDecoder(Head, bottleneckChannels: 16);
        var (logits, attention) = decoder.Forward(randn([2, 16, 2, 4, 3]), randn([3, 12]));
        Assert.Equal([2L, 3], logits.shape);
        Assert.Equal([2L, 3, 2, 4, 3], attention.shape);
        AssertSumsToOne(attention);
        Assert.True(attention.min().item<float>() > 0);
        var normalised = TagDecoder.Normalise(attention);
        Assert.Equal(1f, normalised.amax([2, 3, 4]).min().item<float>(), 6);
        Assert.Throws<ArgumentException>(() => decoder.Forward(randn([1, 16, 2, 2, 2]), randn([2, 12])));
    }

    [Fact]
    public void TheSegmentationNetworkComputesItsOwnAttentionOnTheBottleneckGrid()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        using var model = new UNet3d(new UNetConfig(4, [4, 8, 16], DeepSupervision: true, AttentionChannels: 3, TagHead: Head));
        var (logits, attention) = model.ForwardWithAttention(randn([2, 1, 16, 32, 24]));
        Assert.Equal([2L, 4, 16, 32, 24], logits[0].shape);
        Assert.Equal([2L, 3, 4, 8, 6], attention!.shape);
        AssertSumsToOne(attention);
        Assert.All(model.Tags!.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(model.TagQueries!.requires_grad);
        Assert.Throws<ArgumentException>(() => new UNetConfig(4, [4, 8], AttentionChannels: 2, TagHead: Head).Validate());
    }

    [Fact]
    public void PretrainModelEmbedsImagesReportsAndTags()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var network = new PretrainNetwork([4, 8, 16], 2, Head, VocabularySize: 30, MaxTokens: 12, TextLayers: 1, ContextTokens: 3, PadId: 0,
            TagTokenIds: [[2, 10, 11, 3], [2, 10, 12, 3], [2, 13, 3]]);
        using var model = new PretrainModel(network);
        var ids = tensor(new long[] { 2, 5, 6, 3, 0, 0, 2, 7, 8, 9, 4, 3 }, [2, 6]);
        var output = model.Forward(randn([2, 1, 16, 16, 16]), ids);
        Assert.Equal([2L, 12], output.Images.shape);
        Assert.Equal(1f, output.Images.norm(1).min().item<float>(), 5);
        Assert.Equal(1f, output.Reports.norm(1).max().item<float>(), 5);
        Assert.Equal([2L, 3], output.TagLogits.shape);
        Assert.Equal([2L, 3, 4, 4, 4], output.Attention.shape);
        AssertSumsToOne(output.Attention);
        Assert.Equal([3L, 12], model.TagEmbeddings().shape);
        Assert.Equal(1 / 0.07, model.LogitScale.exp().item<float>(), 3);
    }

    [Fact]
    public void PositionalEncodingIsSinusoidalPerAxisAndDistinctPerVoxel()
    {
        using var scope = NewDisposeScope();
        var pe = PositionalEncoding3d.For(2, 3, 4, 12);
        Assert.Equal([24L, 12], pe.shape);
        // Voxel (0, 0, 0): sin 0 = 0, cos 0 = 1 for each axis's 2 frequencies.
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f], pe[0].data<float>().ToArray());
        // Voxel (z 1, y 2, x 3) = row (1·3 + 2)·4 + 3 = 23; x block, frequency 0: sin 3.
        Assert.Equal((float)Math.Sin(3), pe[23, 8].item<float>(), 6);
        var rows = Enumerable.Range(0, 24).Select(i => string.Join(',', pe[i].data<float>().ToArray())).ToHashSet();
        Assert.Equal(24, rows.Count);
        Assert.Throws<ArgumentException>(() => PositionalEncoding3d.Frequencies(8));
    }

    private static void AssertSumsToOne(Tensor attention)
    {
        var sums = attention.flatten(2).sum(2);
        var worst = (sums - 1).abs().max().item<float>();
        Assert.True(worst < 1e-5, $"max |Σ attention − 1| = {worst:E2}");
    }
}
