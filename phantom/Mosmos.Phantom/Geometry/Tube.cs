using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>
/// A tube of varying radius along a Catmull-Rom spline through control points: aorta, IVC, oesophagus, duodenum,
/// bowel, ribs, pancreas. The spline is sampled into short tapered segments; the distance is the smallest
/// distance to a segment's axis minus the radius interpolated there.
/// </summary>
public sealed class Tube : Shape
{
    private readonly Vector3[] _a;
    private readonly Vector3[] _ab;
    private readonly float[] _invLengthSquared;
    private readonly float[] _ra;
    private readonly float[] _rb;
    private readonly Box3 _bounds;

    /// <summary>Segments per chunk; each chunk has a bounding sphere so far chunks cost one length each.</summary>
    private const int Chunk = 6;

    /// <summary>Beyond this many mm from every chunk the sphere bound itself is returned: a valid, smaller distance.</summary>
    private const float FarMm = 6;

    private readonly Vector3[] _chunkCenter;
    private readonly float[] _chunkRadius;

    /// <param name="points">Control points in anatomy mm; the tube passes through each.</param>
    /// <param name="radii">Radius in mm at each control point.</param>
    /// <param name="samplesPerSpan">Segments per control-point span; 4–6 look smooth at CT resolution.</param>
    public Tube(IReadOnlyList<Vector3> points, IReadOnlyList<float> radii, int samplesPerSpan = 5)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(radii);
        if (points.Count < 2 || radii.Count != points.Count)
            throw new ArgumentException("a tube needs at least two points and one radius per point", nameof(points));
        var path = new List<Vector3>();
        var rad = new List<float>();
        for (int i = 0; i < points.Count - 1; i++)
        {
            var p0 = points[Math.Max(i - 1, 0)];
            var p3 = points[Math.Min(i + 2, points.Count - 1)];
            for (int s = 0; s < samplesPerSpan; s++)
            {
                var t = s / (float)samplesPerSpan;
                path.Add(CatmullRom(p0, points[i], points[i + 1], p3, t));
                rad.Add(radii[i] + (radii[i + 1] - radii[i]) * t);
            }
        }
        path.Add(points[^1]);
        rad.Add(radii[^1]);
        int n = path.Count - 1;
        _a = new Vector3[n];
        _ab = new Vector3[n];
        _invLengthSquared = new float[n];
        _ra = new float[n];
        _rb = new float[n];
        var bounds = new Box3(new Vector3(float.MaxValue), new Vector3(float.MinValue));
        for (int i = 0; i < n; i++)
        {
            _a[i] = path[i];
            _ab[i] = path[i + 1] - path[i];
            _invLengthSquared[i] = 1f / MathF.Max(_ab[i].LengthSquared(), 1e-6f);
            _ra[i] = rad[i];
            _rb[i] = rad[i + 1];
            var r = MathF.Max(rad[i], rad[i + 1]);
            bounds = bounds.Union(Box3.Around(path[i], new Vector3(r))).Union(Box3.Around(path[i + 1], new Vector3(r)));
        }
        _bounds = bounds;
        int chunks = (n + Chunk - 1) / Chunk;
        _chunkCenter = new Vector3[chunks];
        _chunkRadius = new float[chunks];
        for (int c = 0; c < chunks; c++)
        {
            int first = c * Chunk, last = Math.Min(n, first + Chunk);
            var center = Vector3.Zero;
            for (int i = first; i < last; i++) center += _a[i] + _ab[i] * 0.5f;
            center /= last - first;
            float radius = 0;
            for (int i = first; i < last; i++)
            {
                radius = MathF.Max(radius, Vector3.Distance(center, _a[i]) + _ra[i]);
                radius = MathF.Max(radius, Vector3.Distance(center, _a[i] + _ab[i]) + _rb[i]);
            }
            _chunkCenter[c] = center;
            _chunkRadius[c] = radius;
        }
    }

    public override Box3 Bounds => _bounds;

    public override float Distance(Vector3 p)
    {
        Span<float> lower = stackalloc float[_chunkCenter.Length];
        var nearest = float.MaxValue;
        for (int c = 0; c < lower.Length; c++)
        {
            lower[c] = Vector3.Distance(p, _chunkCenter[c]) - _chunkRadius[c];
            nearest = MathF.Min(nearest, lower[c]);
        }
        if (nearest > FarMm) return nearest;
        var best = float.MaxValue;
        for (int c = 0; c < lower.Length; c++)
        {
            if (lower[c] < best) best = MathF.Min(best, Segments(p, c * Chunk, Math.Min(_a.Length, (c + 1) * Chunk)));
        }
        return best;
    }

    private float Segments(Vector3 p, int first, int last)
    {
        var best = float.MaxValue;
        for (int i = first; i < last; i++)
        {
            var ap = p - _a[i];
            var t = Math.Clamp(Vector3.Dot(ap, _ab[i]) * _invLengthSquared[i], 0f, 1f);
            var d = (ap - _ab[i] * t).Length() - (_ra[i] + (_rb[i] - _ra[i]) * t);
            if (d < best) best = d;
        }
        return best;
    }

    private static Vector3 CatmullRom(Vector3 p0, Vector3 p1, Vector3 p2, Vector3 p3, float t)
    {
        float t2 = t * t, t3 = t2 * t;
        return 0.5f * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
    }
}
