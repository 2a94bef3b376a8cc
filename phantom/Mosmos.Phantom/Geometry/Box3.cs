using System.Numerics;

namespace Mosmos.Phantom.Geometry;

/// <summary>An axis-aligned box in anatomy coordinates (mm); the conservative extent of a shape's inside.</summary>
public readonly record struct Box3(Vector3 Min, Vector3 Max)
{
    public static Box3 Around(Vector3 center, Vector3 halfSize) => new(center - halfSize, center + halfSize);

    public bool IsEmpty => Min.X > Max.X || Min.Y > Max.Y || Min.Z > Max.Z;

    public Box3 Union(Box3 other) => new(Vector3.Min(Min, other.Min), Vector3.Max(Max, other.Max));

    public Box3 Intersect(Box3 other) => new(Vector3.Max(Min, other.Min), Vector3.Min(Max, other.Max));

    public Box3 Expand(float mm) => new(Min - new Vector3(mm), Max + new Vector3(mm));
}
