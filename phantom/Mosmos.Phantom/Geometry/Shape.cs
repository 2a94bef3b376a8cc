using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>
/// A solid given by an approximate signed distance in mm (negative inside). Approximate means a distance bound
/// within a small factor, which is all the rasteriser needs to skip runs of voxels safely.
/// </summary>
public abstract class Shape
{
    /// <summary>Conservative box of the inside region.</summary>
    public abstract Box3 Bounds { get; }

    public abstract float Distance(Vector3 p);

    public bool Contains(Vector3 p) => Distance(p) < 0;

    public Shape SmoothUnion(Shape other, float blendMm) => new SmoothUnionShape(this, other, blendMm);

    public Shape Union(Shape other) => new SmoothUnionShape(this, other, 0);

    public Shape Intersect(Shape other) => new IntersectShape(this, other, 0);

    public Shape SmoothIntersect(Shape other, float blendMm) => new IntersectShape(this, other, blendMm);

    public Shape Subtract(Shape other, float blendMm = 0) => new SubtractShape(this, other, blendMm);

    /// <summary>Grows (positive) or shrinks (negative) the solid by <paramref name="mm"/>: walls and lumens.</summary>
    public Shape Offset(float mm) => new OffsetShape(this, mm);

    public Shape Displace(SmoothNoise noise) => new DisplacedShape(this, noise);
}
