using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The segmentation network: <see cref="UNetEncoder"/> + <see cref="UNetDecoder"/>. Input [N, C, D, H, W] with
/// D, H, W multiples of <see cref="UNetConfig.SizeDivisor"/>; output logits [N, classes, D, H, W].
/// With <see cref="UNetConfig.TagHead"/> (MOSMOS fine-tuning) it also holds the pre-trained tag decoder
/// (<c>tags.</c>) and the tag embeddings (<c>tagQueries</c>, [K, C]), both frozen: the pixel-tag attention of the
/// bottleneck is computed inside and fed to the decoder.
/// </summary>
public sealed partial class UNet3d : nn.Module<Tensor, Tensor>
{
    private readonly UNetEncoder encoder;
    private readonly UNetDecoder decoder;
    private readonly TagDecoder? tags;
    private readonly Parameter? tagQueries;

    public UNet3d(UNetConfig config) : base(nameof(UNet3d))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        encoder = new UNetEncoder(config);
        decoder = new UNetDecoder(config);
        if (config.TagHead is { } head)
        {
            tags = new TagDecoder(head, config.Widths[^1]);
            tagQueries = new Parameter(zeros(head.Tags.Length, head.EmbedDim), requires_grad: false);
        }
        RegisterComponents();
        if (tags is not null)
        {
            foreach (var p in tags.parameters()) p.requires_grad = false;
        }
    }

    public UNetConfig Config { get; }

    public UNetEncoder Encoder => encoder;

    public UNetDecoder Decoder => decoder;

    /// <summary>The frozen tag decoder, or null for a plain U-Net.</summary>
    public TagDecoder? Tags => tags;

    /// <summary>The frozen tag embeddings [K, C] (constants in the export), or null.</summary>
    public Parameter? TagQueries => tagQueries;

    public override Tensor forward(Tensor input) => ForwardAll(input)[0];

    /// <summary>Logits at full resolution, then at each deep-supervision level (half, quarter, ...).</summary>
    /// <param name="attention">Maps for the attention seam; computed by the tag decoder when null and the network has one.</param>
    public IReadOnlyList<Tensor> ForwardAll(Tensor input, Tensor? attention = null)
    {
        var features = encoder.forward(input);
        if (attention is null && tags is not null) attention = TagDecoder.Normalise(tags.Forward(features[^1], tagQueries!).Attention);
        return decoder.Decode(features, attention);
    }

    /// <summary>
    /// Logits per level and the raw pixel-tag attention [N, K, d, h, w] (sums to one over space; null without a
    /// tag decoder), for the aligning loss.
    /// </summary>
    public (IReadOnlyList<Tensor> Logits, Tensor? Attention) ForwardWithAttention(Tensor input)
    {
        var features = encoder.forward(input);
        if (tags is null) return (decoder.Decode(features, null), null);
        var attention = tags.Forward(features[^1], tagQueries!).Attention;
        return (decoder.Decode(features, TagDecoder.Normalise(attention)), attention);
    }
}
