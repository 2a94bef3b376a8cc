using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// A pre-norm Transformer encoder layer (our choice: pre-norm trains stably without warm-up tricks at these small
/// sizes): <c>x + Attention(LN(x))</c>, then <c>x + MLP(LN(x))</c>.
/// </summary>
public sealed partial class TransformerLayer : nn.Module
{
    public const double NormEpsilon = 1e-5;

    private readonly LayerNorm attentionNorm;
    private readonly MultiHeadAttention attention;
    private readonly LayerNorm mlpNorm;
    private readonly FeedForward mlp;

    public TransformerLayer(long dim, long heads, long mlpRatio) : base(nameof(TransformerLayer))
    {
        attentionNorm = nn.LayerNorm(dim, NormEpsilon);
        attention = new MultiHeadAttention(dim, heads);
        mlpNorm = nn.LayerNorm(dim, NormEpsilon);
        mlp = new FeedForward(dim, mlpRatio);
        RegisterComponents();
    }

    /// <param name="x">[N, T, C].</param>
    /// <param name="additiveMask">[N, 1, 1, T], large negative at padding, or null.</param>
    public Tensor Forward(Tensor x, Tensor? additiveMask)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = attentionNorm.forward(x);
        x = x + attention.Forward(n, n, additiveMask).Output;
        return x + mlp.forward(mlpNorm.forward(x));
    }
}
