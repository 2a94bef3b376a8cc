using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The multi-label recognition head of MOSMOS pre-training (Query2Label layout, mosmos-method.md): the
/// bottleneck features become spatial tokens (1×1×1 projection to C + <see cref="PositionalEncoding3d"/>), the
/// K tag embeddings are the queries of <see cref="TagDecoderLayer"/>s, and each tag's final query gives one logit
/// through its own weight vector (group-wise linear). The last layer's cross-attention, averaged over heads, is
/// the pixel-tag attention map [N, K, d, h, w]; each map sums to one over space.
/// </summary>
public sealed partial class TagDecoder : nn.Module
{
    private readonly Conv3d visual;
    private readonly LayerNorm memoryNorm;
    private readonly ModuleList<TagDecoderLayer> layers = new();
    private readonly LayerNorm norm;
    private readonly Parameter classifierWeight;
    private readonly Parameter classifierBias;

    public TagDecoder(TagHeadConfig config, long bottleneckChannels) : base(nameof(TagDecoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        visual = nn.Conv3d(bottleneckChannels, config.EmbedDim, kernel_size: 1);
        memoryNorm = nn.LayerNorm(config.EmbedDim, TransformerLayer.NormEpsilon);
        for (var i = 0; i < config.Layers; i++) layers.Add(new TagDecoderLayer(config.EmbedDim, config.Heads, config.MlpRatio));
        norm = nn.LayerNorm(config.EmbedDim, TransformerLayer.NormEpsilon);
        var bound = 1 / Math.Sqrt(config.EmbedDim);
        classifierWeight = new Parameter(empty(config.Tags.Length, config.EmbedDim).uniform_(-bound, bound));
        classifierBias = new Parameter(zeros(config.Tags.Length));
        RegisterComponents();
    }

    public TagHeadConfig Config { get; }

    /// <param name="bottleneck">[N, channels, d, h, w].</param>
    /// <param name="queries">Tag embeddings [K, C].</param>
    /// <returns>Tag logits [N, K] and pixel-tag attention [N, K, d, h, w] (sums to one over d·h·w).</returns>
    public (Tensor Logits, Tensor Attention) Forward(Tensor bottleneck, Tensor queries)
    {
        ArgumentNullException.ThrowIfNull(bottleneck);
        ArgumentNullException.ThrowIfNull(queries);
        var k = Config.Tags.Length;
        if (queries.dim() != 2 || queries.shape[0] != k || queries.shape[1] != Config.EmbedDim)
            throw new ArgumentException($"expected {k}×{Config.EmbedDim} tag embeddings, got [{string.Join(", ", queries.shape)}]");
        var tokens = visual.forward(bottleneck);
        long n = tokens.shape[0], d = tokens.shape[2], h = tokens.shape[3], w = tokens.shape[4];
        var memory = memoryNorm.forward(PositionalEncoding3d.Tokens(tokens));
        var q = queries.unsqueeze(0);
        Tensor? weights = null;
        foreach (var layer in layers) (q, weights) = layer.Forward(q, memory);
        var attention = weights!.mean([1]).reshape(n, k, d, h, w);
        var logits = (norm.forward(q) * classifierWeight).sum(-1) + classifierBias;
        return (logits, attention);
    }

    /// <summary>Each map divided by its maximum over space: values in (0, 1], the form the segmentation decoder takes.</summary>
    public static Tensor Normalise(Tensor attention)
    {
        ArgumentNullException.ThrowIfNull(attention);
        return attention / attention.amax([2, 3, 4], keepdim: true);
    }
}
