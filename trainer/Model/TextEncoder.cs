using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The report and tag text encoder (mosmos-method.md "Text encoder"): token embedding + learned absolute
/// positions, pre-norm <see cref="TransformerLayer"/>s over the non-padding tokens, final LayerNorm. A sequence is
/// represented by its first position, the [CLS] token. Built from primitive layers so it exports to ONNX.
/// </summary>
public sealed partial class TextEncoder : nn.Module
{
    /// <summary>Added to attention scores at padding keys; finite so that ONNX Runtime and libtorch agree exactly.</summary>
    public const float MaskValue = -1e9f;

    private readonly Embedding tokens;
    private readonly Parameter positions;
    private readonly ModuleList<TransformerLayer> layers = new();
    private readonly LayerNorm norm;

    public TextEncoder(long vocabularySize, long maxTokens, long dim, long heads, long layerCount, long mlpRatio) : base(nameof(TextEncoder))
    {
        if (vocabularySize < 1 || maxTokens < 2 || layerCount < 1) throw new ArgumentException("the text encoder needs a vocabulary, at least 2 positions and 1 layer");
        MaxTokens = maxTokens;
        Dim = dim;
        tokens = nn.Embedding(vocabularySize, dim);
        // Small initial scale (BERT/CLIP use 0.01–0.02) so the sum with token embeddings starts near the tokens.
        positions = new Parameter(randn(maxTokens, dim) * 0.02);
        for (var i = 0; i < layerCount; i++) layers.Add(new TransformerLayer(dim, heads, mlpRatio));
        norm = nn.LayerNorm(dim, TransformerLayer.NormEpsilon);
        RegisterComponents();
    }

    public long MaxTokens { get; }

    public long Dim { get; }

    /// <summary>Token embeddings [N, T, C] of ids [N, T].</summary>
    public Tensor Embed(Tensor ids) => tokens.forward(ids);

    /// <param name="embedded">[N, T, C] with T ≤ <see cref="MaxTokens"/>.</param>
    /// <param name="padding">[N, T] bool, true at padding positions (never attended to).</param>
    /// <returns>Contextual token features [N, T, C].</returns>
    public Tensor Encode(Tensor embedded, Tensor padding)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        ArgumentNullException.ThrowIfNull(padding);
        var t = embedded.shape[1];
        if (t > MaxTokens) throw new ArgumentException($"{t} tokens, the encoder has {MaxTokens} positions");
        var x = embedded + positions.narrow(0, 0, t).unsqueeze(0);
        var mask = padding.to_type(ScalarType.Float32).mul(MaskValue).unsqueeze(1).unsqueeze(1);
        foreach (var layer in layers) x = layer.Forward(x, mask);
        return norm.forward(x);
    }

    /// <summary>The [CLS] feature [N, C] of padded id sequences [N, T].</summary>
    public Tensor Pooled(Tensor ids, long padId)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Encode(Embed(ids), ids.eq(padId))[.., 0];
    }
}
