using Mosmos.Trainer.Data;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Training;

/// <summary>
/// Draws cubic training patches with foreground oversampling: a share of the patches is centred on a voxel of a
/// randomly chosen foreground class present in the case, the rest anywhere. Outside the volume the image is
/// padded with the window floor (air) and the labels with background.
/// </summary>
public sealed class PatchSampler
{
    private readonly IReadOnlyList<PreparedCase> _cases;
    private readonly float _padValue;

    public PatchSampler(IReadOnlyList<PreparedCase> cases, float padValue)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0) throw new ArgumentException("no labelled cases to sample from", nameof(cases));
        _cases = cases;
        _padValue = padValue;
    }

    /// <summary>Image [B, 1, P, P, P] float32 and labels [B, P, P, P] int64, axes (z, y, x).</summary>
    public (Tensor Image, Tensor Labels) Sample(StepRandom rng, int batch, int patch, double foregroundFraction)
    {
        ArgumentNullException.ThrowIfNull(rng);
        long n = (long)patch * patch * patch;
        var image = new float[batch * n];
        var labels = new long[batch * n];
        for (var b = 0; b < batch; b++)
        {
            var c = _cases[rng.Next(_cases.Count)];
            var centre = PickCentre(c, rng, foregroundFraction);
            Copy(c, centre, patch, image.AsSpan((int)(b * n), (int)n), labels.AsSpan((int)(b * n), (int)n));
        }
        return (tensor(image, [batch, 1, patch, patch, patch]), tensor(labels, [batch, patch, patch, patch]));
    }

    private static (int X, int Y, int Z) PickCentre(PreparedCase c, StepRandom rng, double foregroundFraction)
    {
        if (rng.Chance(foregroundFraction))
        {
            var present = Enumerable.Range(1, 255).Where(v => c.ForegroundByClass[v].Length > 0).ToArray();
            if (present.Length > 0)
            {
                var voxels = c.ForegroundByClass[present[rng.Next(present.Length)]];
                var i = voxels[rng.Next(voxels.Length)];
                var plane = c.Size[0] * c.Size[1];
                return (i % c.Size[0], i / c.Size[0] % c.Size[1], i / plane);
            }
        }
        return (rng.Next(c.Size[0]), rng.Next(c.Size[1]), rng.Next(c.Size[2]));
    }

    private void Copy(PreparedCase c, (int X, int Y, int Z) centre, int patch, Span<float> image, Span<long> labels)
    {
        int sx = c.Size[0], sy = c.Size[1], sz = c.Size[2], half = patch / 2;
        image.Fill(_padValue);
        labels.Clear();
        for (var k = 0; k < patch; k++)
        {
            var z = centre.Z - half + k;
            if (z < 0 || z >= sz) continue;
            for (var j = 0; j < patch; j++)
            {
                var y = centre.Y - half + j;
                if (y < 0 || y >= sy) continue;
                var x0 = Math.Max(0, centre.X - half);
                var x1 = Math.Min(sx, centre.X - half + patch);
                if (x1 <= x0) continue;
                var src = ((long)z * sy + y) * sx;
                var dst = ((long)k * patch + j) * patch + (x0 - (centre.X - half));
                c.Image.AsSpan((int)(src + x0), x1 - x0).CopyTo(image.Slice((int)dst, x1 - x0));
                for (var x = x0; x < x1; x++) labels[(int)(dst + x - x0)] = c.Labels[src + x];
            }
        }
    }
}
