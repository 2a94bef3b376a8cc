using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>What the sliding window needs to know of a model: where to call it, its tensor names, patch and overlap.</summary>
internal sealed record SlidingWindowModel(string ModelName, string InputName, string OutputName, Extent3 Patch, double Overlap)
{
    public static SlidingWindowModel FromCard(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new SlidingWindowModel(card.Name, card.InputName, card.OutputName, Extent3.FromXyz(card.PatchSize), card.Overlap);
    }
}
