using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>
/// What the sliding window needs to know of a model: where to call it, its tensor names, patch and overlap, and —
/// for a MOSMOS model whose card names one — the attention output and how many tag maps it holds.
/// </summary>
internal sealed record SlidingWindowModel(string ModelName, string InputName, string OutputName, Extent3 Patch, double Overlap)
{
    /// <summary>The output with pixel-tag attention maps [N, K, d, h, w] to blend as well, or null.</summary>
    public string? AttentionOutputName { get; init; }

    /// <summary>K: the number of tag maps in <see cref="AttentionOutputName"/>.</summary>
    public int Tags { get; init; }

    /// <summary>
    /// Which of the K maps to blend (card tag order), or null for all: a map nobody will write costs neither its
    /// volume of floats nor its share of the blending.
    /// </summary>
    public IReadOnlyList<bool>? KeptTags { get; init; }

    /// <summary>How many maps are blended: <see cref="Tags"/>, or those of <see cref="KeptTags"/>.</summary>
    public int KeptTagCount => KeptTags?.Count(kept => kept) ?? Tags;

    public static SlidingWindowModel FromCard(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new SlidingWindowModel(card.Name, card.InputName, card.OutputName, Extent3.FromXyz(card.PatchSize), card.Overlap);
    }

    /// <summary>
    /// The card's model with its attention output, when the card names one and lists the tags; with
    /// <paramref name="keep"/>, only the tags it accepts are blended.
    /// </summary>
    public static SlidingWindowModel WithAttention(ModelCard card, Func<string, bool>? keep = null)
    {
        var model = FromCard(card);
        if (card.AttentionOutputName is not { } name || card.Tags is not { Count: > 0 } tags)
            return model;
        return model with
        {
            AttentionOutputName = name,
            Tags = tags.Count,
            KeptTags = keep is null ? null : tags.Select(keep).ToArray(),
        };
    }
}
