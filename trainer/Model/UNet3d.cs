using TorchSharp;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The segmentation network: <see cref="UNetEncoder"/> + <see cref="UNetDecoder"/>. Input [N, C, D, H, W] with
/// D, H, W multiples of <see cref="UNetConfig.SizeDivisor"/>; output logits [N, classes, D, H, W].
/// </summary>
public sealed partial class UNet3d : nn.Module<Tensor, Tensor>
{
    private readonly UNetEncoder encoder;
    private readonly UNetDecoder decoder;

    public UNet3d(UNetConfig config) : base(nameof(UNet3d))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        encoder = new UNetEncoder(config);
        decoder = new UNetDecoder(config);
        RegisterComponents();
    }

    public UNetConfig Config { get; }

    public UNetEncoder Encoder => encoder;

    public UNetDecoder Decoder => decoder;

    public override Tensor forward(Tensor input) => ForwardAll(input)[0];

    /// <summary>Logits at full resolution, then at each deep-supervision level (half, quarter, ...).</summary>
    public IReadOnlyList<Tensor> ForwardAll(Tensor input, Tensor? attention = null) =>
        decoder.Decode(encoder.forward(input), attention);
}
