using System.Numerics;

namespace Mosmos.Dicom.Imaging;

public static partial class VolumeResampler
{
    /// <summary>One axis of a separable linear map: target i samples (1 − w)·s[I0] + w·s[I1].</summary>
    private readonly record struct Tap(int I0, int I1, float W, bool Inside);

    /// <summary>Three passes (x, then y, then z) through two float intermediates; rows and planes blend with SIMD.</summary>
    private static void LinearSeparable<T>(Volume<T> source, Volume<float> result, float outside) where T : unmanaged, INumberBase<T>
    {
        var (start, ratio) = AxisMaps(source.Geometry, result.Geometry);
        var s = source.Geometry;
        var t = result.Geometry;
        var tapsX = LinearTable(start.X, ratio.X, t.SizeX, s.SizeX);
        var tapsY = LinearTable(start.Y, ratio.Y, t.SizeY, s.SizeY);
        var tapsZ = LinearTable(start.Z, ratio.Z, t.SizeZ, s.SizeZ);
        int sx = s.SizeX, sy = s.SizeY, tx = t.SizeX, ty = t.SizeY;
        var src = source.Data;

        // Pass x: every source row to tx samples (float from here on).
        var alongX = new float[(long)tx * sy * s.SizeZ];
        Parallel.For(0, s.SizeZ, z =>
        {
            for (int y = 0; y < sy; y++)
            {
                var row = src.AsSpan((int)(((long)z * sy + y) * sx), sx);
                var output = alongX.AsSpan((int)(((long)z * sy + y) * tx), tx);
                for (int x = 0; x < output.Length; x++)
                {
                    var tap = tapsX[x];
                    float a = float.CreateTruncating(row[tap.I0]);
                    output[x] = a + tap.W * (float.CreateTruncating(row[tap.I1]) - a);
                }
            }
        });

        // Pass y: blend whole rows.
        var alongY = new float[(long)tx * ty * s.SizeZ];
        Parallel.For(0, s.SizeZ, z =>
        {
            for (int y = 0; y < ty; y++)
            {
                var tap = tapsY[y];
                Blend(alongX.AsSpan((int)(((long)z * sy + tap.I0) * tx), tx), alongX.AsSpan((int)(((long)z * sy + tap.I1) * tx), tx),
                    tap.W, alongY.AsSpan((int)(((long)z * ty + y) * tx), tx));
            }
        });

        // Pass z: blend whole planes, then mark voxels outside the source on any axis.
        int plane = tx * ty;
        Parallel.For(0, t.SizeZ, z =>
        {
            var tap = tapsZ[z];
            var output = result.Data.AsSpan(z * plane, plane);
            if (!tap.Inside)
            {
                output.Fill(outside);
                return;
            }
            Blend(alongY.AsSpan(tap.I0 * plane, plane), alongY.AsSpan(tap.I1 * plane, plane), tap.W, output);
            for (int y = 0; y < ty; y++)
            {
                var row = output.Slice(y * tx, tx);
                if (!tapsY[y].Inside) row.Fill(outside);
                else
                {
                    for (int x = 0; x < tx; x++)
                        if (!tapsX[x].Inside) row[x] = outside;
                }
            }
        });
    }

    private static void LinearGeneral<T>(Volume<T> source, Volume<float> result, float outside) where T : unmanaged, INumberBase<T>
    {
        var (origin, stepX, stepY, stepZ) = IndexMap(source.Geometry, result.Geometry);
        var s = source.Geometry;
        var t = result.Geometry;
        var src = source.Data;
        var dst = result.Data;
        Parallel.For(0, t.SizeZ, z =>
        {
            for (int y = 0; y < t.SizeY; y++)
            {
                var u = origin + stepY * y + stepZ * z;
                var row = dst.AsSpan((int)(((long)z * t.SizeY + y) * t.SizeX), t.SizeX);
                for (int x = 0; x < row.Length; x++, u += stepX)
                {
                    if (!(Inside(u.X, s.SizeX) && Inside(u.Y, s.SizeY) && Inside(u.Z, s.SizeZ)))
                    {
                        row[x] = outside;
                        continue;
                    }
                    var (x0, x1, wx) = Clamp(u.X, s.SizeX);
                    var (y0, y1, wy) = Clamp(u.Y, s.SizeY);
                    var (z0, z1, wz) = Clamp(u.Z, s.SizeZ);
                    float Sample(int xi, int yi, int zi) => float.CreateTruncating(src[s.Offset(xi, yi, zi)]);
                    float c00 = Sample(x0, y0, z0) + wx * (Sample(x1, y0, z0) - Sample(x0, y0, z0));
                    float c10 = Sample(x0, y1, z0) + wx * (Sample(x1, y1, z0) - Sample(x0, y1, z0));
                    float c01 = Sample(x0, y0, z1) + wx * (Sample(x1, y0, z1) - Sample(x0, y0, z1));
                    float c11 = Sample(x0, y1, z1) + wx * (Sample(x1, y1, z1) - Sample(x0, y1, z1));
                    float c0 = c00 + wy * (c10 - c00);
                    float c1 = c01 + wy * (c11 - c01);
                    row[x] = c0 + wz * (c1 - c0);
                }
            }
        });
    }

    private static Tap[] LinearTable(double start, double ratio, int targetSize, int sourceSize)
    {
        var table = new Tap[targetSize];
        for (int i = 0; i < targetSize; i++)
        {
            double u = start + i * ratio;
            var (i0, i1, w) = Clamp(u, sourceSize);
            table[i] = new Tap(i0, i1, w, Inside(u, sourceSize));
        }
        return table;
    }

    /// <summary>Neighbours and weight of a continuous index, clamped to the edge (edge replication).</summary>
    private static (int I0, int I1, float W) Clamp(double u, int size)
    {
        if (u <= 0) return (0, 0, 0);
        if (u >= size - 1) return (size - 1, size - 1, 0);
        int i0 = (int)u;
        return (i0, i0 + 1, (float)(u - i0));
    }

    /// <summary>destination = a + w·(b − a), vectorised.</summary>
    private static void Blend(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float w, Span<float> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<float>.Count)
        {
            var weight = new Vector<float>(w);
            for (; i <= destination.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var va = new Vector<float>(a[i..]);
                (va + weight * (new Vector<float>(b[i..]) - va)).CopyTo(destination[i..]);
            }
        }
        for (; i < destination.Length; i++) destination[i] = a[i] + w * (b[i] - a[i]);
    }
}
