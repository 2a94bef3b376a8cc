namespace Mosmos.Trainer.Model;

/// <summary>
/// Shape of a 3D U-Net: one encoder stage per entry of <see cref="Widths"/> (the last one is the bottleneck),
/// each stage after the first halving the grid with a stride-2 convolution.
/// </summary>
/// <param name="Classes">Output channels, background included.</param>
/// <param name="Widths">Feature channels per stage, full resolution first, e.g. [8, 16, 32].</param>
/// <param name="ConvsPerStage">Conv-norm-activation blocks per encoder and decoder stage.</param>
/// <param name="DeepSupervision">Adds 1×1×1 heads on the lower decoder stages, used by the loss only.</param>
/// <param name="AttentionChannels">
/// MOSMOS pixel-tag attention maps (one per tag) concatenated to the bottleneck and, upsampled, to every
/// decoder stage (mosmos-method.md "Fine-tuning network"); 0 for a plain U-Net.
/// </param>
/// <param name="TagHead">
/// The frozen MOSMOS tag decoder that computes those maps from the bottleneck (its tag count is
/// <paramref name="AttentionChannels"/>); null when the maps come from outside or K = 0.
/// </param>
public sealed record UNetConfig(
    int Classes,
    int[] Widths,
    int InChannels = 1,
    int ConvsPerStage = 2,
    bool DeepSupervision = false,
    int AttentionChannels = 0,
    TagHeadConfig? TagHead = null)
{
    public int Depth => Widths.Length;

    /// <summary>Patch edges must be multiples of this so every skip connection lines up.</summary>
    public int SizeDivisor => 1 << (Depth - 1);

    public void Validate()
    {
        if (Classes < 2) throw new ArgumentException("a segmentation network needs at least 2 classes (background + 1)");
        if (Widths is null || Widths.Length < 2) throw new ArgumentException("a U-Net needs at least 2 stages");
        if (Widths.Any(w => w < 1)) throw new ArgumentException("stage widths must be positive");
        if (InChannels < 1 || ConvsPerStage < 1 || AttentionChannels < 0)
            throw new ArgumentException("inChannels and convsPerStage must be positive, attentionChannels non-negative");
        if (TagHead is not null)
        {
            TagHead.Validate();
            if (TagHead.Tags.Length != AttentionChannels)
                throw new ArgumentException($"the tag decoder has {TagHead.Tags.Length} tags but the decoder takes {AttentionChannels} attention channels");
        }
    }
}
