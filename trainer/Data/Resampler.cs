namespace Mosmos.Trainer.Data;

/// <summary>
/// Resampling between voxel grids that share origin and axes (the dataset's own axes; direction cosines are
/// not changed). Grids are aligned at voxel centres' outer edges: target voxel i covers the same physical span
/// as source coordinate (i + 0.5)·t/s − 0.5, as in scipy's zoom with grid_mode. Arrays are x fastest.
/// </summary>
public static class Resampler
{
    /// <summary>Voxel counts of <paramref name="size"/> after resampling from <paramref name="spacing"/> to <paramref name="target"/> mm.</summary>
    public static int[] TargetSize(int[] size, double[] spacing, double[] target) =>
        [.. Enumerable.Range(0, 3).Select(a => Math.Max(1, (int)Math.Round(size[a] * spacing[a] / target[a])))];

    /// <summary>Trilinear resampling of any voxel source (values read through <paramref name="at"/>).</summary>
    public static float[] Linear(Func<long, float> at, int[] size, int[] outSize)
    {
        var result = new float[(long)outSize[0] * outSize[1] * outSize[2]];
        var (x0, x1, wx) = Axis(size[0], outSize[0]);
        var (y0, y1, wy) = Axis(size[1], outSize[1]);
        var (z0, z1, wz) = Axis(size[2], outSize[2]);
        long sx = size[0], sxy = (long)size[0] * size[1];
        Parallel.For(0, outSize[2], k =>
        {
            long o = (long)k * outSize[0] * outSize[1];
            for (var j = 0; j < outSize[1]; j++)
            {
                for (var i = 0; i < outSize[0]; i++, o++)
                {
                    float Sample(int z, int y) =>
                        (1 - wx[i]) * at(z * sxy + y * sx + x0[i]) + wx[i] * at(z * sxy + y * sx + x1[i]);
                    var lo = (1 - wy[j]) * Sample(z0[k], y0[j]) + wy[j] * Sample(z0[k], y1[j]);
                    var hi = (1 - wy[j]) * Sample(z1[k], y0[j]) + wy[j] * Sample(z1[k], y1[j]);
                    result[o] = (1 - wz[k]) * lo + wz[k] * hi;
                }
            }
        });
        return result;
    }

    /// <summary>Nearest-neighbour resampling, for label maps.</summary>
    public static byte[] Nearest(ReadOnlySpan<byte> source, int[] size, int[] outSize)
    {
        var result = new byte[(long)outSize[0] * outSize[1] * outSize[2]];
        var xs = NearestAxis(size[0], outSize[0]);
        var ys = NearestAxis(size[1], outSize[1]);
        var zs = NearestAxis(size[2], outSize[2]);
        long o = 0;
        for (var k = 0; k < outSize[2]; k++)
        {
            for (var j = 0; j < outSize[1]; j++)
            {
                var row = ((long)zs[k] * size[1] + ys[j]) * size[0];
                for (var i = 0; i < outSize[0]; i++) result[o++] = source[(int)(row + xs[i])];
            }
        }
        return result;
    }

    private static int[] NearestAxis(int n, int m) =>
        [.. Enumerable.Range(0, m).Select(i => Math.Clamp((int)Math.Floor((i + 0.5) * n / m), 0, n - 1))];

    private static (int[] Lo, int[] Hi, float[] W) Axis(int n, int m)
    {
        var lo = new int[m];
        var hi = new int[m];
        var w = new float[m];
        for (var i = 0; i < m; i++)
        {
            var c = Math.Clamp((i + 0.5) * n / m - 0.5, 0, n - 1);
            lo[i] = (int)Math.Floor(c);
            hi[i] = Math.Min(lo[i] + 1, n - 1);
            w[i] = (float)(c - lo[i]);
        }
        return (lo, hi, w);
    }
}
