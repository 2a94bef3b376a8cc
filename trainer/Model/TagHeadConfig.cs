namespace Mosmos.Trainer.Model;

/// <summary>
/// Shape of the MOSMOS tag decoder (Query2Label head over the bottleneck's spatial tokens).
/// </summary>
/// <param name="Tags">Organ catalog ids, one query and one attention map each, in channel order.</param>
/// <param name="EmbedDim">C, shared by image, report and tag embeddings; a multiple of 6 (positional encoding) and of <paramref name="Heads"/>.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Layers">Decoder layers; the pixel-tag attention comes from the last one.</param>
/// <param name="MlpRatio">Hidden width of the MLPs as a multiple of C.</param>
public sealed record TagHeadConfig(string[] Tags, int EmbedDim = 96, int Heads = 4, int Layers = 2, int MlpRatio = 4)
{
    public void Validate()
    {
        if (Tags is null || Tags.Length == 0) throw new ArgumentException("the tag decoder needs at least one tag");
        if (Tags.Distinct(StringComparer.Ordinal).Count() != Tags.Length) throw new ArgumentException("tags must be distinct");
        if (EmbedDim < 6 || EmbedDim % 6 != 0) throw new ArgumentException($"embed dim {EmbedDim} must be a positive multiple of 6");
        if (Heads < 1 || EmbedDim % Heads != 0) throw new ArgumentException($"embed dim {EmbedDim} must be a multiple of the {Heads} heads");
        if (Layers < 1 || MlpRatio < 1) throw new ArgumentException("the tag decoder needs at least one layer and an MLP ratio of at least 1");
    }
}
