namespace Mosmos.Dicom.Imaging;

/// <summary>
/// An affine map p' = M·p + t with a 3×3 linear part stored row-major. The homogeneous 4×4 form is
/// [M t; 0 0 0 1], the shape of the DICOM/ITK voxel-to-patient matrix (PS3.3 C.7.6.2.1.1, equation C.7.6.2.1-1).
/// </summary>
public readonly struct AffineTransform3D : IEquatable<AffineTransform3D>
{
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    /// <summary>Columns of the linear part and the translation.</summary>
    public AffineTransform3D(Vector3D column0, Vector3D column1, Vector3D column2, Vector3D translation)
    {
        (_m00, _m10, _m20) = (column0.X, column0.Y, column0.Z);
        (_m01, _m11, _m21) = (column1.X, column1.Y, column1.Z);
        (_m02, _m12, _m22) = (column2.X, column2.Y, column2.Z);
        Translation = translation;
    }

    public Vector3D Column0 => new(_m00, _m10, _m20);

    public Vector3D Column1 => new(_m01, _m11, _m21);

    public Vector3D Column2 => new(_m02, _m12, _m22);

    public Vector3D Translation { get; }

    public double Determinant =>
        _m00 * (_m11 * _m22 - _m12 * _m21) - _m01 * (_m10 * _m22 - _m12 * _m20) + _m02 * (_m10 * _m21 - _m11 * _m20);

    public Vector3D Transform(Vector3D p) => TransformVector(p) + Translation;

    /// <summary>The linear part only: maps index steps to patient-space steps.</summary>
    public Vector3D TransformVector(Vector3D v) => new(
        _m00 * v.X + _m01 * v.Y + _m02 * v.Z,
        _m10 * v.X + _m11 * v.Y + _m12 * v.Z,
        _m20 * v.X + _m21 * v.Y + _m22 * v.Z);

    /// <summary>The inverse map (adjugate over determinant); a singular matrix throws.</summary>
    public AffineTransform3D Inverse()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-12)
            throw new InvalidOperationException("the affine transform is singular and has no inverse");
        double inv = 1 / det;
        var c0 = new Vector3D(_m11 * _m22 - _m12 * _m21, _m12 * _m20 - _m10 * _m22, _m10 * _m21 - _m11 * _m20) * inv;
        var c1 = new Vector3D(_m02 * _m21 - _m01 * _m22, _m00 * _m22 - _m02 * _m20, _m01 * _m20 - _m00 * _m21) * inv;
        var c2 = new Vector3D(_m01 * _m12 - _m02 * _m11, _m02 * _m10 - _m00 * _m12, _m00 * _m11 - _m01 * _m10) * inv;
        var linear = new AffineTransform3D(c0, c1, c2, Vector3D.Zero);
        return new AffineTransform3D(c0, c1, c2, -linear.TransformVector(Translation));
    }

    /// <summary>The homogeneous 4×4 matrix, row-major (16 values, last row 0 0 0 1).</summary>
    public double[] ToMatrix4x4() =>
    [
        _m00, _m01, _m02, Translation.X,
        _m10, _m11, _m12, Translation.Y,
        _m20, _m21, _m22, Translation.Z,
        0, 0, 0, 1,
    ];

    public bool Equals(AffineTransform3D other) =>
        Column0 == other.Column0 && Column1 == other.Column1 && Column2 == other.Column2 && Translation == other.Translation;

    public override bool Equals(object? obj) => obj is AffineTransform3D other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Column0, Column1, Column2, Translation);

    public static bool operator ==(AffineTransform3D left, AffineTransform3D right) => left.Equals(right);

    public static bool operator !=(AffineTransform3D left, AffineTransform3D right) => !left.Equals(right);
}
