using Mosmos.Dicom;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Phantom.Rendering;

/// <summary>What the rasterised label map says about one organ: the numbers the report quotes.</summary>
/// <param name="Voxels">Labelled voxels.</param>
/// <param name="VolumeMl">Volume in mL (cm³).</param>
/// <param name="ExtentMm">Bounding-box size along patient x, y, z in mm.</param>
/// <param name="CentroidMm">Centroid in patient (LPS) coordinates, mm.</param>
public sealed record OrganMeasurement(long Voxels, double VolumeMl, double[] ExtentMm, double[] CentroidMm)
{
    /// <summary>Largest bounding-box dimension in cm (what "the spleen measures 12.3 cm" refers to).</summary>
    public double LengthCm => Math.Round(ExtentMm.Max() / 10, 1);

    /// <summary>Craniocaudal span in cm (liver size).</summary>
    public double CraniocaudalCm => Math.Round(ExtentMm[2] / 10, 1);
}

public static class OrganMeasurements
{
    /// <summary>Measures every catalog label present in <paramref name="labels"/>; organs with no voxel are left out.</summary>
    public static IReadOnlyDictionary<string, OrganMeasurement> Measure(ImageGrid grid, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(labels);
        var perSlice = new Accumulator[grid.Slices];
        Parallel.For(0, grid.Slices, k =>
        {
            var a = new Accumulator();
            long v = grid.Index(0, 0, k);
            for (int j = 0; j < grid.Rows; j++)
            for (int i = 0; i < grid.Columns; i++, v++)
            {
                var l = labels[v];
                if (l != 0) a.Add(l, i, j, k);
            }
            perSlice[k] = a;
        });
        var total = new Accumulator();
        foreach (var a in perSlice) total.Merge(a);

        var voxelMl = grid.PixelSpacing * grid.PixelSpacing * grid.SliceSpacing / 1000;
        var result = new SortedDictionary<string, OrganMeasurement>(StringComparer.Ordinal);
        foreach (var organ in OrganCatalog.All)
        {
            var l = organ.DefaultLabel;
            var n = total.Count[l];
            if (n == 0) continue;
            var extent = new[]
            {
                (total.Max[l, 0] - total.Min[l, 0] + 1) * grid.PixelSpacing,
                (total.Max[l, 1] - total.Min[l, 1] + 1) * grid.PixelSpacing,
                (total.Max[l, 2] - total.Min[l, 2] + 1) * grid.SliceSpacing,
            };
            var centroid = grid.PositionOf(total.Sum[l, 0] / (double)n, total.Sum[l, 1] / (double)n, total.Sum[l, 2] / (double)n);
            result[organ.Id] = new OrganMeasurement(n, Math.Round(n * voxelMl, 2), extent.Select(e => Math.Round(e, 1)).ToArray(),
                centroid.Select(c => Math.Round(c, 2)).ToArray());
        }
        return result;
    }

    /// <summary>Per-label counts, index sums and bounds; integer sums make the merge order-independent.</summary>
    private sealed class Accumulator
    {
        public long[] Count { get; } = new long[256];
        public long[,] Sum { get; } = new long[256, 3];
        public int[,] Min { get; } = Filled(int.MaxValue);
        public int[,] Max { get; } = Filled(int.MinValue);

        public void Add(byte l, int i, int j, int k)
        {
            Count[l]++;
            Sum[l, 0] += i;
            Sum[l, 1] += j;
            Sum[l, 2] += k;
            Bound(l, 0, i);
            Bound(l, 1, j);
            Bound(l, 2, k);
        }

        public void Merge(Accumulator o)
        {
            for (int l = 0; l < 256; l++)
            {
                if (o.Count[l] == 0) continue;
                Count[l] += o.Count[l];
                for (int a = 0; a < 3; a++)
                {
                    Sum[l, a] += o.Sum[l, a];
                    Min[l, a] = Math.Min(Min[l, a], o.Min[l, a]);
                    Max[l, a] = Math.Max(Max[l, a], o.Max[l, a]);
                }
            }
        }

        private void Bound(byte l, int axis, int value)
        {
            if (value < Min[l, axis]) Min[l, axis] = value;
            if (value > Max[l, axis]) Max[l, axis] = value;
        }

        private static int[,] Filled(int value)
        {
            var a = new int[256, 3];
            for (int l = 0; l < 256; l++)
            for (int x = 0; x < 3; x++)
                a[l, x] = value;
            return a;
        }
    }
}
