using Mosmos.Datasets;
using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// What a person looks at after each pre-training checkpoint: <c>training-curve.png</c> (loss), the held-out
/// metrics appended to <c>validation.csv</c> and plotted in <c>validation.png</c>, and <c>attention/</c> with the
/// pixel-tag attention of the first <see cref="RenderedCases"/> held-out studies (labelled ones first, so their
/// organ outlines can be drawn).
/// </summary>
public static class PretrainReport
{
    public const int RenderedCases = 3;

    public static PretrainScores Refresh(string run, PretrainTrainer trainer, PretrainData data, Dataset dataset, CsvLog metrics, CsvLog validation)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(validation);
        var o = trainer.Options;
        Charts.TrainingCurve(Path.Combine(run, "training-curve.png"), metrics.Series(1));
        var result = PretrainValidation.Evaluate(trainer.Model, data.Validation, o.Size, o.BatchSize, trainer.Step);
        validation.Append(result.Step, result.RecallAt1, result.RecallAt5, result.TagMap, result.Pairs, result.ImageCosine, result.ReportCosine);
        ValidationChart.Write(Path.Combine(run, "validation.png"), [validation.Series(1), validation.Series(2), validation.Series(3)]);

        var folder = Path.Combine(run, "attention");
        Directory.CreateDirectory(folder);
        string[] classNames = ["background", .. Enumerable.Range(1, 255).Select(v => dataset.Labels.TryGetValue(v, out var id) ? id : "")];
        var tagClasses = AligningLoss.TagClasses(data.Tags, classNames);
        var chosen = data.Validation.OrderBy(c => dataset.Case(c.Id).LabelFile is null).ThenBy(c => c.Id, StringComparer.Ordinal).Take(RenderedCases);
        var rendered = new List<(string, int[], bool)>();
        foreach (var c in chosen)
        {
            var labels = PretrainCase.PrepareLabels(dataset.Load(dataset.Case(c.Id)), o.SpacingMm, o.Size);
            using var attention = PretrainValidation.Attention(trainer.Model, c, o.Size);
            var slices = AttentionRenderer.Write(Path.Combine(folder, c.Id + ".png"), c.Image, o.Size, attention, labels, tagClasses, o.Intensity);
            rendered.Add((c.Id, slices, labels is not null));
        }
        AttentionRenderer.WriteIndex(folder, data.Tags, rendered, trainer.Step);
        return result;
    }
}
