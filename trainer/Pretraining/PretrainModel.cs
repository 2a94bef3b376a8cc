using Mosmos.Trainer.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Pretraining;

/// <summary>What one forward pass of <see cref="PretrainModel"/> gives for a batch of image–report pairs.</summary>
/// <param name="Images">L2-normalised global image embeddings [B, C].</param>
/// <param name="Reports">L2-normalised report embeddings [B, C].</param>
/// <param name="TagLogits">[B, K].</param>
/// <param name="Attention">Pixel-tag attention [B, K, d, h, w], each map summing to one over space.</param>
public sealed record PretrainOutput(Tensor Images, Tensor Reports, Tensor TagLogits, Tensor Attention);

/// <summary>
/// The MOSMOS pre-training network (mosmos-method.md "Pre-training network"): the segmentation network's
/// <see cref="UNetEncoder"/> (<c>encoder.</c>, handed over to fine-tuning), a <see cref="TextEncoder"/>
/// (<c>text.</c>), global image feature = <see cref="AttentionPool3d"/> of the bottleneck (<c>imagePool.</c>; or its
/// mean, <see cref="ImagePooling"/>) → <c>imageProjection</c>, report feature = [CLS] → <c>textProjection</c>, each
/// through a BatchNorm without affine (<c>imageNorm</c>, <c>reportNorm</c>; <see cref="PretrainOptions.EmbeddingBatchNorm"/>)
/// before the L2 norm, a learnable temperature (<c>logitScale</c> = ln(1/τ), τ₀ = 0.07, as CLIP), tag
/// embeddings from shared learnable <c>context</c> tokens + the tag's name tokens through the same text encoder
/// and projection (CoOp), and the <see cref="TagDecoder"/> (<c>tags.</c>).
/// </summary>
public sealed class PretrainModel : nn.Module
{
    /// <summary>CLIP caps the logit scale at 100 so the softmax cannot become arbitrarily sharp.</summary>
    public static readonly double MaxLogitScale = Math.Log(100);

    private readonly UNetEncoder encoder;
    private readonly TextEncoder text;
    private readonly Parameter context;
    private readonly AttentionPool3d? imagePool;
    private readonly Linear imageProjection;
    private readonly Linear textProjection;
    private readonly BatchNorm1d? imageNorm;
    private readonly BatchNorm1d? reportNorm;
    private readonly Parameter logitScale;
    private readonly TagDecoder tags;
    private readonly long[][] _tagIds;

    public PretrainModel(PretrainNetwork network) : base(nameof(PretrainModel))
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        Network = network;
        var c = network.TagHead.EmbedDim;
        encoder = new UNetEncoder(network.EncoderConfig);
        text = new TextEncoder(network.VocabularySize, network.MaxTokens, c, network.TagHead.Heads, network.TextLayers, network.TagHead.MlpRatio);
        context = new Parameter(randn(Math.Max(network.ContextTokens, 0), c) * 0.02);
        if (network.ImagePooling == ImagePooling.Attention) imagePool = new AttentionPool3d(network.Widths[^1], c, network.TagHead.Heads);
        imageProjection = nn.Linear(imagePool is null ? network.Widths[^1] : c, c);
        textProjection = nn.Linear(c, c);
        if (network.EmbeddingBatchNorm)
        {
            imageNorm = nn.BatchNorm1d(c, affine: false);
            reportNorm = nn.BatchNorm1d(c, affine: false);
        }
        logitScale = new Parameter(tensor((float)Math.Log(1 / 0.07)));
        tags = new TagDecoder(network.TagHead, network.Widths[^1]);
        _tagIds = [.. network.TagTokenIds.Select(t => t.Select(i => (long)i).ToArray())];
        RegisterComponents();
    }

    public PretrainNetwork Network { get; }

    public UNetEncoder Encoder => encoder;

    public TagDecoder Tags => tags;

    /// <summary>exp(logitScale): the inverse temperature of the contrastive softmax.</summary>
    public Tensor LogitScale => logitScale;

    /// <param name="images">[B, 1, S, S, S] normalised CT.</param>
    /// <param name="reportIds">[B, T] token ids padded with the pad id.</param>
    public PretrainOutput Forward(Tensor images, Tensor reportIds)
    {
        ArgumentNullException.ThrowIfNull(images);
        var bottleneck = encoder.forward(images)[^1];
        var (logits, attention) = tags.Forward(bottleneck, TagEmbeddings());
        return new PretrainOutput(Global(bottleneck), EncodeReports(reportIds), logits, attention);
    }

    /// <summary>Global image embeddings [B, C], L2-normalised.</summary>
    public Tensor EncodeImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Global(encoder.forward(images)[^1]);
    }

    private Tensor Global(Tensor bottleneck) =>
        Embedding(imageProjection.forward(imagePool?.Forward(bottleneck) ?? bottleneck.mean([2, 3, 4])), imageNorm);

    /// <summary>Report embeddings [B, C], L2-normalised.</summary>
    public Tensor EncodeReports(Tensor reportIds)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        return Embedding(textProjection.forward(text.Pooled(reportIds, Network.PadId)), reportNorm);
    }

    private static Tensor Embedding(Tensor projected, BatchNorm1d? norm) =>
        nn.functional.normalize(norm?.forward(projected) ?? projected, dim: 1);

    /// <summary>
    /// Tag embeddings [K, C]: <c>[CLS] context₁…context_N1 name… [SEP]</c> through the text encoder, [CLS] feature
    /// through the text projection. Sequences are padded to the longest; padding is masked.
    /// </summary>
    public Tensor TagEmbeddings()
    {
        var k = _tagIds.Length;
        var n1 = context.shape[0];
        var length = _tagIds.Max(t => t.Length) + n1;
        var rows = new List<Tensor>(k);
        var padding = new bool[k * length];
        for (var i = 0; i < k; i++)
        {
            var ids = _tagIds[i];
            var embedded = text.Embed(tensor(ids));
            var parts = new List<Tensor> { embedded.narrow(0, 0, 1) };
            if (n1 > 0) parts.Add(context);
            parts.Add(embedded.narrow(0, 1, ids.Length - 1));
            var pad = length - ids.Length - n1;
            if (pad > 0)
            {
                parts.Add(text.Embed(full(pad, (long)Network.PadId, ScalarType.Int64)));
                for (var p = length - pad; p < length; p++) padding[i * length + p] = true;
            }
            rows.Add(cat(parts, 0));
        }
        var encoded = text.Encode(stack(rows), tensor(padding, [k, length]));
        return textProjection.forward(encoded[.., 0]);
    }

    /// <summary>Keeps τ ≥ 0.01 as CLIP does; call after each optimiser step.</summary>
    public void ClampLogitScale()
    {
        using var _ = no_grad();
        logitScale.clamp_(0, MaxLogitScale);
    }
}
