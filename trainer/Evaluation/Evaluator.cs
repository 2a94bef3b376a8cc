using Mosmos.Datasets;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Evaluation;

/// <summary>Metrics of one case: organ id → metrics, on the case's own (source) grid.</summary>
public sealed record CaseEvaluation(string CaseId, IReadOnlyDictionary<string, OrganMetrics> Organs, byte[] Predicted);

/// <summary>
/// Runs an exported model over a dataset's labelled cases: resample to the card's spacing, normalise, sliding
/// window, resample the label map back to the source grid (nearest), compare with the ground truth there.
/// </summary>
public static class Evaluator
{
    /// <param name="overlays">Folder for one prediction/truth overlay PNG per case, or null for none.</param>
    public static IEnumerable<CaseEvaluation> Run(SlidingWindowPredictor predictor, Dataset dataset, string? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(dataset);
        var card = predictor.Card;
        var byOrgan = dataset.Labels.ToDictionary(kv => kv.Value, kv => (byte)kv.Key);
        foreach (var c in dataset.Cases.Where(c => c.LabelFile is not null))
        {
            var volume = dataset.Load(c);
            var gridSize = Resampler.TargetSize(c.Size, c.SpacingMm, card.SpacingMm);
            var image = volume.Image;
            var resampled = Resampler.Linear(i => image[i], c.Size, gridSize);
            Intensity.NormalizeInPlace(resampled, card.Intensity);
            var onGrid = predictor.Predict(resampled, gridSize, Intensity.Floor(card.Intensity));
            var predicted = Resampler.Nearest(onGrid, gridSize, c.Size);
            // Model class values → dataset label values through the organ ids both sides name.
            var remap = new byte[256];
            foreach (var (value, organ) in card.Labels)
                remap[value] = byOrgan.TryGetValue(organ, out var v) ? v : (byte)0;
            for (var i = 0; i < predicted.Length; i++) predicted[i] = remap[predicted[i]];
            var organs = new Dictionary<string, OrganMetrics>();
            foreach (var (organ, value) in byOrgan)
                organs[organ] = SegmentationMetrics.Compute(predicted, volume.Labels!, value, c.Size, c.SpacingMm);
            if (overlays is not null)
            {
                Directory.CreateDirectory(overlays);
                Overlay.Write(Path.Combine(overlays, c.Id + ".png"), volume, predicted);
            }
            yield return new CaseEvaluation(c.Id, organs, predicted);
        }
    }
}
