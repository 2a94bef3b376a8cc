using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>
/// Ellipsoid with Quilez's bound k0·(k0 − 1)/k1: close to the true distance near the surface and never far off
/// inside, which is where the rasteriser asks.
/// </summary>
public sealed class Ellipsoid(Vector3 center, Vector3 radii, Rotation rotation) : Shape
{
    private readonly Vector3 _inverse = Vector3.One / radii;
    private readonly Vector3 _inverseSquared = Vector3.One / (radii * radii);

    public Ellipsoid(Vector3 center, Vector3 radii) : this(center, radii, Rotation.Identity) { }

    public Vector3 Center => center;

    public Vector3 Radii => radii;

    public override Box3 Bounds => Box3.Around(center, rotation.WorldHalfExtent(radii));

    public override float Distance(Vector3 p)
    {
        var q = rotation.ToLocal(p - center);
        var k0 = (q * _inverse).Length();
        var k1 = (q * _inverseSquared).Length();
        return k1 < 1e-6f ? -MathF.Min(radii.X, MathF.Min(radii.Y, radii.Z)) : k0 * (k0 - 1) / k1;
    }
}

/// <summary>
/// Superellipsoid |x/a|^e + |y/b|^e + |z/c|^e = 1; e &gt; 2 gives the boxier solids of vertebral bodies and
/// adrenal limbs. The distance is the normalised radius error times the smallest semi-axis (a bound within ~2×).
/// </summary>
public sealed class SuperEllipsoid(Vector3 center, Vector3 radii, float exponent, Rotation rotation) : Shape
{
    private readonly float _minRadius = MathF.Min(radii.X, MathF.Min(radii.Y, radii.Z));

    public override Box3 Bounds => Box3.Around(center, rotation.WorldHalfExtent(radii));

    public override float Distance(Vector3 p)
    {
        var q = Vector3.Abs(rotation.ToLocal(p - center)) / radii;
        var f = MathF.Pow(MathF.Pow(q.X, exponent) + MathF.Pow(q.Y, exponent) + MathF.Pow(q.Z, exponent), 1f / exponent);
        return (f - 1) * _minRadius;
    }
}

/// <summary>
/// The region below a dome-shaped height field z = top − a·(x − cx)² − b·(y − cy)²: the diaphragm. The height
/// error is divided by the slope so it stays a distance bound.
/// </summary>
public sealed class BelowDome(Vector2 center, float top, float curvatureX, float curvatureY) : Shape
{
    public override Box3 Bounds => new(new Vector3(-1e4f), new Vector3(1e4f, 1e4f, top));

    public float Height(float x, float y)
    {
        float dx = x - center.X, dy = y - center.Y;
        return top - curvatureX * dx * dx - curvatureY * dy * dy;
    }

    public override float Distance(Vector3 p)
    {
        float dx = p.X - center.X, dy = p.Y - center.Y;
        float gx = 2 * curvatureX * dx, gy = 2 * curvatureY * dy;
        return (p.Z - Height(p.X, p.Y)) / MathF.Sqrt(1 + gx * gx + gy * gy);
    }
}

/// <summary>The slab zMin &lt; z &lt; zMax: limits a solid craniocaudally.</summary>
public sealed class Slab(float zMin, float zMax) : Shape
{
    public override Box3 Bounds => new(new Vector3(-1e4f, -1e4f, zMin), new Vector3(1e4f, 1e4f, zMax));

    public override float Distance(Vector3 p) => MathF.Max(zMin - p.Z, p.Z - zMax);
}

/// <summary>Axis-aligned box (exact distance): the CT table.</summary>
public sealed class Block(Vector3 center, Vector3 half) : Shape
{
    public override Box3 Bounds => Box3.Around(center, half);

    public override float Distance(Vector3 p)
    {
        var q = Vector3.Abs(p - center) - half;
        return Vector3.Max(q, Vector3.Zero).Length() + MathF.Min(MathF.Max(q.X, MathF.Max(q.Y, q.Z)), 0);
    }
}

/// <summary>The half-space y·sign &lt; level·sign: what lies above a fluid level (sign = +1 when fluid settles to +y).</summary>
public sealed class AboveLevel(float levelY, float gravitySign) : Shape
{
    public override Box3 Bounds => gravitySign > 0
        ? new(new Vector3(-1e4f), new Vector3(1e4f, levelY, 1e4f))
        : new(new Vector3(-1e4f, levelY, -1e4f), new Vector3(1e4f));

    public override float Distance(Vector3 p) => (p.Y - levelY) * gravitySign;
}
