using Mosmos.Contracts;
using Mosmos.Datasets;

namespace Mosmos.Trainer.Data;

/// <summary>A labelled case on the training grid (patient axes L, P, S): normalised intensities and labels, x fastest.</summary>
public sealed record PreparedCase(string Id, int[] Size, float[] Image, byte[] Labels)
{
    /// <summary>Linear indices of the voxels of each foreground class (index = label value), for oversampling.</summary>
    public IReadOnlyList<int[]> ForegroundByClass { get; } = IndexClasses(Labels);

    /// <summary>
    /// Puts a loaded case on the patient axes (<see cref="Reorientation"/>), resamples it to <paramref name="spacingMm"/>
    /// and applies the card's intensity normalisation.
    /// </summary>
    public static PreparedCase From(CaseVolume volume, double[] spacingMm, IntensityNormalization intensity)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(intensity);
        if (volume.Labels is null) throw new ArgumentException($"case '{volume.Case.Id}' has no label map", nameof(volume));
        var axes = Reorientation.Of(volume.Case);
        var size = axes.Size;
        var outSize = Resampler.TargetSize(size, axes.SpacingMm, spacingMm);
        var image = axes.Apply<short>(volume.Image);
        var resampled = Resampler.Linear(i => image[i], size, outSize);
        Intensity.NormalizeInPlace(resampled, intensity);
        return new PreparedCase(volume.Case.Id, outSize, resampled, Resampler.Nearest(axes.Apply<byte>(volume.Labels), size, outSize));
    }

    /// <summary>Every labelled case of a dataset on an isotropic grid of <paramref name="spacingMm"/>.</summary>
    /// <exception cref="DatasetFormatException">A case is malformed, or no case has labels.</exception>
    public static List<PreparedCase> FromDataset(Dataset dataset, double spacingMm, IntensityNormalization intensity)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var cases = dataset.Cases.Where(c => c.LabelFile is not null)
            .Select(c => From(dataset.Load(c), [spacingMm, spacingMm, spacingMm], intensity)).ToList();
        if (cases.Count == 0)
            throw new DatasetFormatException(Path.Combine(dataset.Folder, Dataset.ManifestFileName), "no case has a label file; fine-tuning needs labels");
        return cases;
    }

    private static int[][] IndexClasses(byte[] labels)
    {
        var lists = Enumerable.Range(0, 256).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0) lists[labels[i]].Add(i);
        }
        return [.. lists.Select(l => l.ToArray())];
    }
}
