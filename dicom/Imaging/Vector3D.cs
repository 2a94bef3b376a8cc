namespace Mosmos.Dicom.Imaging;

/// <summary>
/// A point or direction in patient space (LPS, millimetres; PS3.3 C.7.6.2.1.1) or in continuous voxel
/// index space. Double precision: positions of 1000-slice series must stay exact to well below 1e-3 mm.
/// </summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D Zero => default;

    public double Length => Math.Sqrt(Dot(this, this));

    public double this[int axis] => axis switch
    {
        0 => X,
        1 => Y,
        2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis is 0, 1 or 2"),
    };

    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    public static Vector3D operator *(double s, Vector3D a) => a * s;

    public static Vector3D operator /(Vector3D a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    public static double Dot(Vector3D a, Vector3D b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    public static Vector3D Cross(Vector3D a, Vector3D b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    /// <summary>This vector scaled to unit length; the zero vector stays zero.</summary>
    public Vector3D Normalize()
    {
        double length = Length;
        return length > 0 ? this / length : this;
    }

    /// <summary>Largest absolute component difference: the tolerance metric for direction cosines.</summary>
    public static double MaxAbsDifference(Vector3D a, Vector3D b) =>
        Math.Max(Math.Abs(a.X - b.X), Math.Max(Math.Abs(a.Y - b.Y), Math.Abs(a.Z - b.Z)));

    public Vector3D Add(Vector3D other) => this + other;

    public Vector3D Subtract(Vector3D other) => this - other;

    public Vector3D Multiply(double factor) => this * factor;

    public Vector3D Divide(double divisor) => this / divisor;

    public Vector3D Negate() => -this;

    public override string ToString() => FormattableString.Invariant($"({X:0.###}, {Y:0.###}, {Z:0.###})");
}
