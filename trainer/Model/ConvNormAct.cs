using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>Conv3d 3×3×3 (padding 1) → InstanceNorm3d (affine) → LeakyReLU(0.01), the nnU-Net building block.</summary>
public sealed partial class ConvNormAct : nn.Module<Tensor, Tensor>
{
    public const double NormEpsilon = 1e-5;
    public const double NegativeSlope = 0.01;

    private readonly Conv3d conv;
    private readonly InstanceNorm3d norm;

    public ConvNormAct(long inChannels, long outChannels, long stride = 1) : base(nameof(ConvNormAct))
    {
        Stride = stride;
        conv = nn.Conv3d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1);
        norm = nn.InstanceNorm3d(outChannels, eps: NormEpsilon, affine: true, track_running_stats: false);
        RegisterComponents();
    }

    public long Stride { get; }

    public override Tensor forward(Tensor input)
    {
        using var c = conv.forward(input);
        using var n = norm.forward(c);
        return nn.functional.leaky_relu(n, NegativeSlope);
    }
}
