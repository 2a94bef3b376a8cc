using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The global image feature of pre-training by attention pooling (CLIP's ResNet "AttentionPool2d", in 3D): the
/// bottleneck becomes spatial tokens (1×1×1 projection to C + <see cref="PositionalEncoding3d"/>, LayerNorm), and
/// one query — a learned vector plus the tokens' mean — attends over them; the attended value is the feature [N, C].
/// </summary>
/// <remarks>
/// Why not the mean of the bottleneck: every block ends in InstanceNorm, so each channel of the bottleneck has the
/// same mean and spread in every image before its affine map and LeakyReLU; its spatial mean then differs between
/// images only through the shape of the channel's histogram, and not at all between images whose features are a
/// rearrangement of each other (left and right swapped). The contrastive loss sat at ln B with it. Attention
/// pooling sees where things are (positional encoding in the keys and values) and what they are.
/// </remarks>
public sealed class AttentionPool3d : nn.Module
{
    private readonly Conv3d visual;
    private readonly LayerNorm norm;
    private readonly Parameter query;
    private readonly MultiHeadAttention attention;

    public AttentionPool3d(long bottleneckChannels, long dim, long heads) : base(nameof(AttentionPool3d))
    {
        Dim = dim;
        visual = nn.Conv3d(bottleneckChannels, dim, kernel_size: 1);
        norm = nn.LayerNorm(dim, TransformerLayer.NormEpsilon);
        query = new Parameter(randn(1, 1, dim) * 0.02);
        attention = new MultiHeadAttention(dim, heads);
        RegisterComponents();
    }

    public long Dim { get; }

    /// <param name="bottleneck">[N, channels, d, h, w].</param>
    /// <returns>The pooled feature [N, C].</returns>
    public Tensor Forward(Tensor bottleneck)
    {
        ArgumentNullException.ThrowIfNull(bottleneck);
        var memory = norm.forward(PositionalEncoding3d.Tokens(visual.forward(bottleneck)));
        var (pooled, _) = attention.Forward(query + memory.mean([1], keepdim: true), memory);
        return pooled.squeeze(1);
    }
}
