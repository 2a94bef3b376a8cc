using System.Numerics;
using Mosmos.Phantom.Geometry;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// The trunk as an elliptic column whose width and depth follow <see cref="StandardAnatomy"/>'s profile, grown by
/// <c>grow</c> mm (fat outside the muscle wall) or shrunk (the abdominal cavity inside it). A slight flattening
/// of the back (<c>backFlattening</c>) gives the kidney-shaped section of a real abdomen.
/// </summary>
public sealed class TrunkColumn(float grow, float anteriorExtra = 0) : Shape
{
    public override Box3 Bounds => new(
        new Vector3(-(float)StandardAnatomy.WallHalfWidth * 1.1f - grow, -200 - grow - anteriorExtra, -500),
        new Vector3((float)StandardAnatomy.WallHalfWidth * 1.1f + grow, 200 + grow, 500));

    public override float Distance(Vector3 p)
    {
        var a = (float)StandardAnatomy.WallHalfWidth * StandardAnatomy.WidthFactor(p.Z) + grow;
        var depth = (float)StandardAnatomy.WallHalfDepth * StandardAnatomy.DepthFactor(p.Z);
        var y = p.Y - (float)StandardAnatomy.WallCenterY;
        // Fat collects in front: the anterior half-depth grows by the extra amount, the back stays flatter.
        var b = y < 0 ? depth + grow + anteriorExtra : depth * 0.97f + grow;
        float qx = p.X / a, qy = y / b;
        var k0 = MathF.Sqrt(qx * qx + qy * qy);
        float rx = p.X / (a * a), ry = y / (b * b);
        var k1 = MathF.Sqrt(rx * rx + ry * ry);
        return k1 < 1e-6f ? -MathF.Min(a, b) : k0 * (k0 - 1) / k1;
    }

    /// <summary>Half-width and half-depth of this column at height z (rib and muscle placement).</summary>
    public (float HalfWidth, float HalfDepth) HalfAxes(float z) =>
        ((float)StandardAnatomy.WallHalfWidth * StandardAnatomy.WidthFactor(z) + grow,
         (float)StandardAnatomy.WallHalfDepth * StandardAnatomy.DepthFactor(z) + grow);
}
