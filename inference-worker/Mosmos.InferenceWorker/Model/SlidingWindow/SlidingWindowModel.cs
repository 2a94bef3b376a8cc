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

    public static SlidingWindowModel FromCard(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new SlidingWindowModel(card.Name, card.InputName, card.OutputName, Extent3.FromXyz(card.PatchSize), card.Overlap);
    }

    /// <summary>The card's model with its attention output, when the card names one and lists the tags.</summary>
    public static SlidingWindowModel WithAttention(ModelCard card)
    {
        var model = FromCard(card);
        return card.AttentionOutputName is { } name && card.Tags is { Count: > 0 } tags
            ? model with { AttentionOutputName = name, Tags = tags.Count }
            : model;
    }
}
