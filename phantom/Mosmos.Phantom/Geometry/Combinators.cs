using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>Polynomial smooth minimum (Quilez): blends two solids over <c>k</c> mm instead of leaving a crease.</summary>
internal static class Smooth
{
    public static float Min(float a, float b, float k)
    {
        if (k <= 0) return MathF.Min(a, b);
        var h = MathF.Max(k - MathF.Abs(a - b), 0) / k;
        return MathF.Min(a, b) - h * h * k * 0.25f;
    }

    public static float Max(float a, float b, float k) => -Min(-a, -b, k);
}

internal sealed class SmoothUnionShape(Shape a, Shape b, float k) : Shape
{
    public override Box3 Bounds { get; } = a.Bounds.Union(b.Bounds).Expand(k * 0.25f);

    public override float Distance(Vector3 p) => Smooth.Min(a.Distance(p), b.Distance(p), k);
}

internal sealed class IntersectShape(Shape a, Shape b, float k) : Shape
{
    public override Box3 Bounds { get; } = a.Bounds.Intersect(b.Bounds);

    public override float Distance(Vector3 p) => Smooth.Max(a.Distance(p), b.Distance(p), k);
}

internal sealed class SubtractShape(Shape a, Shape b, float k) : Shape
{
    public override Box3 Bounds => a.Bounds;

    public override float Distance(Vector3 p) => Smooth.Max(a.Distance(p), -b.Distance(p), k);
}

internal sealed class OffsetShape(Shape inner, float mm) : Shape
{
    public override Box3 Bounds { get; } = inner.Bounds.Expand(mm);

    public override float Distance(Vector3 p) => inner.Distance(p) - mm;
}

internal sealed class DisplacedShape(Shape inner, SmoothNoise noise) : Shape
{
    public override Box3 Bounds { get; } = inner.Bounds.Expand(noise.Amplitude);

    public override float Distance(Vector3 p) => inner.Distance(p) + noise.Evaluate(p);
}
