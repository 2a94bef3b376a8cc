namespace Mosmos.Trainer.Evaluation;

/// <summary>
/// Exact Euclidean distance transform with anisotropic spacing: separable lower envelope of parabolas
/// (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled Functions", 2012), one pass per axis.
/// </summary>
public static class DistanceTransform
{
    /// <summary>For every voxel, the distance in mm to the nearest voxel where <paramref name="seeds"/> is true.</summary>
    public static double[] ToNearest(bool[] seeds, int[] size, double[] spacingMm)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(spacingMm);
        var d = new double[seeds.Length];
        for (var i = 0; i < d.Length; i++) d[i] = seeds[i] ? 0 : double.PositiveInfinity;
        int sx = size[0], sy = size[1], sz = size[2];
        Pass(d, sx, stride: 1, lines: (long)sy * sz, lineStart: l => l * sx, spacingMm[0]);
        Pass(d, sy, stride: sx, lines: (long)sx * sz, lineStart: l => l / sx * sx * sy + l % sx, spacingMm[1]);
        Pass(d, sz, stride: (long)sx * sy, lines: (long)sx * sy, lineStart: l => l, spacingMm[2]);
        for (var i = 0; i < d.Length; i++) d[i] = Math.Sqrt(d[i]);
        return d;
    }

    private static void Pass(double[] d, int n, long stride, long lines, Func<long, long> lineStart, double spacing)
    {
        Parallel.For(0L, lines, () => (f: new double[n], v: new int[n], z: new double[n + 1]), (l, _, buf) =>
        {
            var start = lineStart(l);
            for (var i = 0; i < n; i++) buf.f[i] = d[start + i * stride];
            Envelope(buf.f, buf.v, buf.z, n, spacing);
            var k = 0;
            for (var q = 0; q < n; q++)
            {
                var xq = q * spacing;
                while (buf.z[k + 1] < xq) k++;
                var dx = xq - buf.v[k] * spacing;
                d[start + q * stride] = dx * dx + buf.f[buf.v[k]];
            }
            return buf;
        }, _ => { });
    }

    // Lower envelope of the parabolas (x - p·s)² + f(p) over the finite samples f; z holds their boundaries.
    private static void Envelope(double[] f, int[] v, double[] z, int n, double s)
    {
        var k = -1;
        for (var q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(f[q])) continue;
            var xq = q * s;
            while (k >= 0)
            {
                var xv = v[k] * s;
                var cross = (f[q] + xq * xq - (f[v[k]] + xv * xv)) / (2 * (xq - xv));
                if (cross <= z[k]) k--;
                else
                {
                    k++;
                    v[k] = q;
                    z[k] = cross;
                    z[k + 1] = double.PositiveInfinity;
                    break;
                }
            }
            if (k < 0)
            {
                k = 0;
                v[0] = q;
                z[0] = double.NegativeInfinity;
                z[1] = double.PositiveInfinity;
            }
        }
        if (k < 0)
        {
            // No finite sample on this line: every distance stays infinite for now (filled by a later axis).
            v[0] = 0;
            z[0] = double.NegativeInfinity;
            z[1] = double.PositiveInfinity;
        }
    }
}
