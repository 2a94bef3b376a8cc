using Mosmos.Contracts;
using Mosmos.Datasets;
using Mosmos.Trainer.Data;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// One image–report pair on the pre-training grid: the normalised CT resampled to the isotropic spacing and
/// centre-cropped or padded (with air) to a cube, x fastest; the report's token ids padded to a fixed length;
/// the tag targets from the dataset's tag states (<see cref="Pretraining.TagTargets"/>) and which of them are known
/// (a tag the report does not state is unknown and not trained on); the report's sentence boundaries in
/// <see cref="Tokens"/> (<see cref="PretrainAugmenter.SentenceBoundaries"/>; empty when unknown) for sentence dropout.
/// </summary>
public sealed record PretrainCase(string Id, float[] Image, long[] Tokens, float[] Targets, float[] Known, int[] Sentences)
{
    /// <summary>Resampled, normalised, cropped/padded volume; same layout and placement as <see cref="Image"/>.</summary>
    public static float[] PrepareImage(CaseVolume volume, double spacingMm, int size, IntensityNormalization intensity)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var source = volume.Case.Size;
        var grid = Resampler.TargetSize(source, volume.Case.SpacingMm, [spacingMm, spacingMm, spacingMm]);
        var image = volume.Image;
        var resampled = Resampler.Linear(i => image[i], source, grid);
        Intensity.NormalizeInPlace(resampled, intensity);
        return CropOrPad(resampled, grid, size, Intensity.Floor(intensity));
    }

    /// <summary>The label map on the same cube (nearest), for rendering and tests; null without labels.</summary>
    public static byte[]? PrepareLabels(CaseVolume volume, double spacingMm, int size)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.Labels is null) return null;
        var source = volume.Case.Size;
        var grid = Resampler.TargetSize(source, volume.Case.SpacingMm, [spacingMm, spacingMm, spacingMm]);
        return CropOrPad(Resampler.Nearest(volume.Labels, source, grid), grid, size, (byte)0);
    }

    /// <summary>Tag targets and their known-mask in the order of <paramref name="tags"/> (<see cref="TagTargets"/> says what 1 means).</summary>
    public static (float[] Targets, float[] Known) TagTargets(IReadOnlyDictionary<string, OrganTag>? states, IReadOnlyList<string> tags,
        TagTargets meaning = Pretraining.TagTargets.Presence)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var targets = new float[tags.Count];
        var known = new float[tags.Count];
        for (var k = 0; k < tags.Count; k++)
        {
            if (states is null || !states.TryGetValue(tags[k], out var state)) continue;
            float? target = (meaning, state) switch
            {
                (Pretraining.TagTargets.Findings, OrganTag.Absent) => null,   // no organ, no finding to look for
                (Pretraining.TagTargets.Findings, _) => state == OrganTag.Abnormal ? 1 : 0,
                _ => state == OrganTag.Absent ? 0 : 1,
            };
            if (target is null) continue;
            known[k] = 1;
            targets[k] = target.Value;
        }
        return (targets, known);
    }

    /// <summary>Token ids padded with <paramref name="padId"/> to <paramref name="length"/>.</summary>
    public static long[] Pad(int[] ids, int length, int padId)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var padded = Enumerable.Repeat((long)padId, length).ToArray();
        for (var i = 0; i < Math.Min(ids.Length, length); i++) padded[i] = ids[i];
        return padded;
    }

    /// <summary>Centre crop or pad of an x-fastest volume to a cube of <paramref name="size"/>.</summary>
    public static T[] CropOrPad<T>(T[] volume, int[] grid, int size, T fill)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(grid);
        var result = new T[(long)size * size * size];
        Array.Fill(result, fill);
        // Offset of the cube's origin in the source grid: negative = padding before the volume.
        int ox = (grid[0] - size) / 2, oy = (grid[1] - size) / 2, oz = (grid[2] - size) / 2;
        for (var k = 0; k < size; k++)
        {
            var z = k + oz;
            if (z < 0 || z >= grid[2]) continue;
            for (var j = 0; j < size; j++)
            {
                var y = j + oy;
                if (y < 0 || y >= grid[1]) continue;
                for (var i = 0; i < size; i++)
                {
                    var x = i + ox;
                    if (x < 0 || x >= grid[0]) continue;
                    result[((long)k * size + j) * size + i] = volume[((long)z * grid[1] + y) * grid[0] + x];
                }
            }
        }
        return result;
    }
}
