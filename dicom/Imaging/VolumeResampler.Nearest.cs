namespace Mosmos.Dicom.Imaging;

public static partial class VolumeResampler
{
    private static void NearestSeparable<T>(Volume<T> source, Volume<T> result, T outside) where T : unmanaged
    {
        var (start, ratio) = AxisMaps(source.Geometry, result.Geometry);
        var s = source.Geometry;
        var t = result.Geometry;
        var ix = NearestTable(start.X, ratio.X, t.SizeX, s.SizeX);
        var iy = NearestTable(start.Y, ratio.Y, t.SizeY, s.SizeY);
        var iz = NearestTable(start.Z, ratio.Z, t.SizeZ, s.SizeZ);
        var src = source.Data;
        var dst = result.Data;
        int sx = s.SizeX, sy = s.SizeY, tx = t.SizeX, ty = t.SizeY;
        Parallel.For(0, t.SizeZ, z =>
        {
            for (int y = 0; y < ty; y++)
            {
                var row = dst.AsSpan((int)(((long)z * ty + y) * tx), tx);
                if (iz[z] < 0 || iy[y] < 0)
                {
                    row.Fill(outside);
                    continue;
                }
                var sourceRow = src.AsSpan((int)(((long)iz[z] * sy + iy[y]) * sx), sx);
                for (int x = 0; x < row.Length; x++)
                    row[x] = ix[x] < 0 ? outside : sourceRow[ix[x]];
            }
        });
    }

    private static void NearestGeneral<T>(Volume<T> source, Volume<T> result, T outside) where T : unmanaged
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
                    row[x] = Inside(u.X, s.SizeX) && Inside(u.Y, s.SizeY) && Inside(u.Z, s.SizeZ)
                        ? src[s.Offset(NearestIndex(u.X, s.SizeX), NearestIndex(u.Y, s.SizeY), NearestIndex(u.Z, s.SizeZ))]
                        : outside;
                }
            }
        });
    }

    /// <summary>Source index per target index along one axis; −1 where the target lies outside the source.</summary>
    private static int[] NearestTable(double start, double ratio, int targetSize, int sourceSize)
    {
        var table = new int[targetSize];
        for (int i = 0; i < targetSize; i++)
        {
            double u = start + i * ratio;
            table[i] = Inside(u, sourceSize) ? NearestIndex(u, sourceSize) : -1;
        }
        return table;
    }

    /// <summary>Rounds half up, with a tolerance so that indices computed through two affines land on the integer.</summary>
    private static int NearestIndex(double u, int size) => Math.Clamp((int)Math.Floor(u + 0.5 + 1e-9), 0, size - 1);

    /// <summary>Target index (0,0,0) and unit steps expressed as continuous source indices.</summary>
    private static (Vector3D Origin, Vector3D StepX, Vector3D StepY, Vector3D StepZ) IndexMap(ImageGeometry source, ImageGeometry target)
    {
        var toSource = source.PatientToIndex;
        var fromTarget = target.IndexToPatient;
        return (toSource.Transform(fromTarget.Translation), toSource.TransformVector(fromTarget.Column0),
            toSource.TransformVector(fromTarget.Column1), toSource.TransformVector(fromTarget.Column2));
    }
}
