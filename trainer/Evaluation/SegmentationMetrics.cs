namespace Mosmos.Trainer.Evaluation;

/// <summary>One organ's agreement between a prediction and the ground truth.</summary>
/// <param name="Dice">2|A∩B| / (|A| + |B|); 1 when both are empty.</param>
/// <param name="Hd95Mm">Max of the two directed 95th-percentile surface distances in mm (as MONAI); NaN when either is empty.</param>
/// <param name="VolumeErrorMl">Predicted minus true volume in mL.</param>
/// <param name="RelativeVolumeError">(predicted − true) / true; NaN when the truth is empty.</param>
public sealed record OrganMetrics(double Dice, double Hd95Mm, double VolumeErrorMl, double RelativeVolumeError, double TrueVolumeMl);

/// <summary>Dice, 95 % Hausdorff distance and volume error on a voxel grid with spacing (x, y, z) in mm.</summary>
public static class SegmentationMetrics
{
    public static OrganMetrics Compute(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, byte label, int[] size, double[] spacingMm)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(spacingMm);
        if (predicted.Length != truth.Length) throw new ArgumentException("predicted and true label maps differ in size");
        long a = 0, b = 0, both = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            bool p = predicted[i] == label, t = truth[i] == label;
            if (p) a++;
            if (t) b++;
            if (p && t) both++;
        }
        var dice = a + b == 0 ? 1.0 : 2.0 * both / (a + b);
        var voxelMl = spacingMm[0] * spacingMm[1] * spacingMm[2] / 1000.0;
        var hd95 = a == 0 || b == 0 ? double.NaN : Hd95(predicted, truth, label, size, spacingMm);
        return new OrganMetrics(dice, hd95, (a - b) * voxelMl, b == 0 ? double.NaN : (double)(a - b) / b, b * voxelMl);
    }

    /// <summary>max(P95 of d(∂A → ∂B), P95 of d(∂B → ∂A)), surfaces = voxels with a 6-neighbour outside.</summary>
    public static double Hd95(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, byte label, int[] size, double[] spacingMm)
    {
        var surfaceA = Surface(predicted, label, size);
        var surfaceB = Surface(truth, label, size);
        var toB = DistanceTransform.ToNearest(surfaceB, size, spacingMm);
        var toA = DistanceTransform.ToNearest(surfaceA, size, spacingMm);
        return Math.Max(Percentile95(surfaceA, toB), Percentile95(surfaceB, toA));
    }

    internal static bool[] Surface(ReadOnlySpan<byte> map, byte label, int[] size)
    {
        int sx = size[0], sy = size[1], sz = size[2];
        var surface = new bool[map.Length];
        for (var z = 0; z < sz; z++)
        {
            for (var y = 0; y < sy; y++)
            {
                for (var x = 0; x < sx; x++)
                {
                    var i = (z * sy + y) * sx + x;
                    if (map[i] != label) continue;
                    // The volume border counts as outside, so an organ cut by the field of view has a surface there.
                    surface[i] = x == 0 || x == sx - 1 || y == 0 || y == sy - 1 || z == 0 || z == sz - 1
                        || map[i - 1] != label || map[i + 1] != label || map[i - sx] != label || map[i + sx] != label
                        || map[i - sx * sy] != label || map[i + sx * sy] != label;
                }
            }
        }
        return surface;
    }

    /// <summary>Linear-interpolated 95th percentile (numpy's default) of the distances at the surface voxels.</summary>
    internal static double Percentile95(bool[] surface, double[] distances)
    {
        var values = new List<double>();
        for (var i = 0; i < surface.Length; i++) if (surface[i]) values.Add(distances[i]);
        values.Sort();
        var rank = 0.95 * (values.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, values.Count - 1);
        return values[lo] + (rank - lo) * (values[hi] - values[lo]);
    }
}
