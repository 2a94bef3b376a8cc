using Mosmos.Datasets;
using Mosmos.Dicom.Imaging.Labels;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Evaluation;

/// <summary>Metrics of one case: organ id → metrics, on the case's own (source) grid.</summary>
public sealed record CaseEvaluation(string CaseId, IReadOnlyDictionary<string, OrganMetrics> Organs, byte[] Predicted);

/// <summary>
/// Runs an exported model over a dataset's labelled cases the worker's way: onto the patient axes
/// (<see cref="Reorientation"/>), resample to the card's spacing, normalise, sliding window, the card's post-processing
/// on the model grid (largest component, hole filling, the worker's own code), resample the label map back (nearest)
/// and restore the stored axis order, compare with the ground truth on the source grid.
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
            var axes = Reorientation.Of(c);
            var gridSize = Resampler.TargetSize(axes.Size, axes.SpacingMm, card.SpacingMm);
            var image = axes.Apply<short>(volume.Image);
            var resampled = Resampler.Linear(i => image[i], axes.Size, gridSize);
            Intensity.NormalizeInPlace(resampled, card.Intensity);
            var onGrid = predictor.Predict(resampled, gridSize, Intensity.Floor(card.Intensity));
            PostProcess(onGrid, gridSize, card.PostProcessing);
            var predicted = axes.Invert<byte>(Resampler.Nearest(onGrid, gridSize, axes.Size));
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

    private static void PostProcess(byte[] labels, int[] size, Contracts.PostProcessing steps)
    {
        if (!steps.LargestComponent && !steps.FillHoles) return;
        var grid = new LabelGrid(labels, size[0], size[1], size[2]);
        foreach (var value in labels.Distinct().Where(v => v > 0).Order())
        {
            if (steps.LargestComponent) LargestComponent.Keep(grid, value);
            if (steps.FillHoles) HoleFilling.Fill(grid, value);
        }
    }
}
