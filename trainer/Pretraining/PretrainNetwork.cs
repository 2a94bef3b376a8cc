using Mosmos.Trainer.Model;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// Shape of the pre-training network and the tokenised tag names, so a checkpoint rebuilds it (and fine-tuning
/// computes the tag embeddings) without the tokenizer.
/// </summary>
/// <param name="TagTokenIds">Per tag, <c>[CLS] name pieces… [SEP]</c>; the context tokens go after [CLS].</param>
public sealed record PretrainNetwork(
    int[] Widths,
    int ConvsPerStage,
    TagHeadConfig TagHead,
    int VocabularySize,
    int MaxTokens,
    int TextLayers,
    int ContextTokens,
    int PadId,
    int[][] TagTokenIds)
{
    /// <summary>The segmentation encoder's configuration (the class count is irrelevant to the encoder).</summary>
    public UNetConfig EncoderConfig => new(2, Widths, ConvsPerStage: ConvsPerStage);

    /// <summary>
    /// How the bottleneck becomes the global image feature. <see cref="ImagePooling.Mean"/> when unset, which is what
    /// checkpoints written before the choice existed used; new runs take <see cref="PretrainOptions.ImagePooling"/>.
    /// </summary>
    public ImagePooling ImagePooling { get; init; } = ImagePooling.Mean;

    /// <summary>
    /// Whether the projected image and report features pass a BatchNorm (no affine) before the L2 norm; false when
    /// unset, as in checkpoints written before it existed. See <see cref="PretrainOptions.EmbeddingBatchNorm"/>.
    /// </summary>
    public bool EmbeddingBatchNorm { get; init; }

    public void Validate()
    {
        EncoderConfig.Validate();
        TagHead.Validate();
        if (TagTokenIds is null || TagTokenIds.Length != TagHead.Tags.Length) throw new ArgumentException("one token sequence per tag is needed");
        var longest = TagTokenIds.Max(t => t.Length) + ContextTokens;
        if (longest > MaxTokens) throw new ArgumentException($"a tag prompt has {longest} tokens, more than max-tokens {MaxTokens}");
        if (TagTokenIds.Any(t => t.Length < 2 || t.Any(id => id < 0 || id >= VocabularySize))) throw new ArgumentException("tag token ids out of the vocabulary");
    }
}
