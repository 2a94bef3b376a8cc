using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The U-Net decoder. Level j has the grid of encoder stage j (0 = full resolution): <c>up.j</c> is a
/// transposed convolution (kernel 2, stride 2) from level j+1, <c>blocks.j</c> fuses it with the skip.
/// When <see cref="UNetConfig.AttentionChannels"/> is K &gt; 0, K attention maps on the bottleneck grid are
/// concatenated to the bottleneck and, trilinearly upsampled, to every level's block input.
/// </summary>
public sealed partial class UNetDecoder : nn.Module<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>>
{
    private readonly ModuleList<ConvTranspose3d> up = new();
    private readonly ModuleList<Sequential> blocks = new();
    private readonly Conv3d head;
    private readonly ModuleList<Conv3d> aux = new();

    public UNetDecoder(UNetConfig config) : base(nameof(UNetDecoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var w = config.Widths;
        var k = config.AttentionChannels;
        for (var j = 0; j < config.Depth - 1; j++)
        {
            var below = w[j + 1] + (j == config.Depth - 2 ? k : 0);
            up.Add(nn.ConvTranspose3d(below, w[j], kernel_size: 2, stride: 2));
            var stage = new List<nn.Module<Tensor, Tensor>>();
            for (var b = 0; b < config.ConvsPerStage; b++)
                stage.Add(new ConvNormAct(b == 0 ? 2 * w[j] + k : w[j], w[j]));
            blocks.Add(nn.Sequential(stage));
        }
        head = nn.Conv3d(w[0], config.Classes, kernel_size: 1);
        if (config.DeepSupervision)
        {
            for (var j = 1; j < config.Depth - 1; j++)
                aux.Add(nn.Conv3d(w[j], config.Classes, kernel_size: 1));
        }
        RegisterComponents();
    }

    public UNetConfig Config { get; }

    /// <summary>Logits per level: full resolution first, then the deep-supervision levels when enabled.</summary>
    public override IReadOnlyList<Tensor> forward(IReadOnlyList<Tensor> features) => Decode(features, null);

    /// <param name="features">Encoder outputs, full resolution first.</param>
    /// <param name="attention">[N, K, d, h, w] on the bottleneck grid; required exactly when K &gt; 0.</param>
    public IReadOnlyList<Tensor> Decode(IReadOnlyList<Tensor> features, Tensor? attention)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Config.Depth) throw new ArgumentException($"expected {Config.Depth} feature maps, got {features.Count}");
        if ((attention is null) != (Config.AttentionChannels == 0))
            throw new ArgumentException($"the decoder was built for {Config.AttentionChannels} attention channels");
        var x = features[^1];
        if (attention is not null) x = cat([x, attention], 1);
        var levels = new Tensor[Config.Depth - 1];
        for (var j = Config.Depth - 2; j >= 0; j--)
        {
            var skip = features[j];
            var parts = new List<Tensor> { up[j].forward(x), skip };
            if (attention is not null)
                parts.Add(nn.functional.interpolate(attention, [skip.shape[2], skip.shape[3], skip.shape[4]],
                    mode: InterpolationMode.Trilinear, align_corners: false));
            x = blocks[j].forward(cat(parts, 1));
            levels[j] = x;
        }
        var outputs = new List<Tensor> { head.forward(levels[0]) };
        for (var j = 1; j <= aux.Count; j++) outputs.Add(aux[j - 1].forward(levels[j]));
        return outputs;
    }
}
