using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// A pre-norm Transformer decoder layer (Query2Label's head, mosmos-method.md "Tag decoder"): self-attention
/// among the tag queries, cross-attention from the tags to the image's spatial tokens, MLP. The cross-attention
/// weights are the pixel-tag attention.
/// </summary>
public sealed partial class TagDecoderLayer : nn.Module
{
    private readonly LayerNorm selfNorm;
    private readonly MultiHeadAttention selfAttention;
    private readonly LayerNorm crossNorm;
    private readonly MultiHeadAttention crossAttention;
    private readonly LayerNorm mlpNorm;
    private readonly FeedForward mlp;

    public TagDecoderLayer(long dim, long heads, long mlpRatio) : base(nameof(TagDecoderLayer))
    {
        selfNorm = nn.LayerNorm(dim, TransformerLayer.NormEpsilon);
        selfAttention = new MultiHeadAttention(dim, heads);
        crossNorm = nn.LayerNorm(dim, TransformerLayer.NormEpsilon);
        crossAttention = new MultiHeadAttention(dim, heads);
        mlpNorm = nn.LayerNorm(dim, TransformerLayer.NormEpsilon);
        mlp = new FeedForward(dim, mlpRatio);
        RegisterComponents();
    }

    /// <param name="queries">[N or 1, K, C].</param>
    /// <param name="memory">Spatial tokens [N, S, C], already normalised.</param>
    /// <returns>Updated queries [N, K, C] and the cross-attention weights [N, heads, K, S].</returns>
    public (Tensor Queries, Tensor CrossWeights) Forward(Tensor queries, Tensor memory)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var n = selfNorm.forward(queries);
        var q = queries + selfAttention.Forward(n, n).Output;
        var (attended, weights) = crossAttention.Forward(crossNorm.forward(q), memory);
        q = q + attended;
        return (q + mlp.forward(mlpNorm.forward(q)), weights);
    }
}
