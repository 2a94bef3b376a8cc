using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>A rotation as three orthonormal axes: the shape's local x, y, z expressed in anatomy coordinates.</summary>
public readonly record struct Rotation(Vector3 AxisX, Vector3 AxisY, Vector3 AxisZ)
{
    public static readonly Rotation Identity = new(Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ);

    /// <summary>Rotations about x, then y, then z, in degrees (tilts of organs are small and easiest to think of so).</summary>
    public static Rotation FromDegrees(float aboutX, float aboutY, float aboutZ)
    {
        var q = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, Rad(aboutZ))
            * Quaternion.CreateFromAxisAngle(Vector3.UnitY, Rad(aboutY))
            * Quaternion.CreateFromAxisAngle(Vector3.UnitX, Rad(aboutX));
        return new(Vector3.Transform(Vector3.UnitX, q), Vector3.Transform(Vector3.UnitY, q), Vector3.Transform(Vector3.UnitZ, q));
    }

    /// <summary>A frame whose local z axis points along <paramref name="direction"/>.</summary>
    public static Rotation AlongZ(Vector3 direction)
    {
        var z = Vector3.Normalize(direction);
        var helper = MathF.Abs(z.X) < 0.9f ? Vector3.UnitX : Vector3.UnitY;
        var x = Vector3.Normalize(Vector3.Cross(helper, z));
        return new(x, Vector3.Cross(z, x), z);
    }

    public Vector3 ToLocal(Vector3 v) => new(Vector3.Dot(v, AxisX), Vector3.Dot(v, AxisY), Vector3.Dot(v, AxisZ));

    public Vector3 ToWorld(Vector3 v) => AxisX * v.X + AxisY * v.Y + AxisZ * v.Z;

    /// <summary>World half-extent of a box with local half-sizes <paramref name="half"/> (bounds of rotated solids).</summary>
    public Vector3 WorldHalfExtent(Vector3 half) =>
        Vector3.Abs(AxisX * half.X) + Vector3.Abs(AxisY * half.Y) + Vector3.Abs(AxisZ * half.Z);

    private static float Rad(float degrees) => degrees * MathF.PI / 180f;
}
