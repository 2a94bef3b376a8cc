namespace Mosmos.Dicom.Imaging;

/// <summary>
/// The voxel grid of a volume in patient space (LPS, millimetres). Index x runs along the image columns (the
/// row direction of ImageOrientationPatient), y along the rows (its column direction) and z across slices.
/// <see cref="Origin"/> is the centre of voxel (0, 0, 0): the ImagePositionPatient of the first slice
/// (PS3.3 C.7.6.2.1.1). Directions are unit vectors; x and y are orthogonal, z is the slice normal for a
/// regular series or the actual slice step for a gantry-tilted one (a sheared grid).
/// </summary>
public sealed class ImageGeometry : IEquatable<ImageGeometry>
{
    private const double UnitTolerance = 1e-4;

    public ImageGeometry(int sizeX, int sizeY, int sizeZ, Vector3D spacing, Vector3D origin,
        Vector3D directionX, Vector3D directionY, Vector3D directionZ)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeX);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeY);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeZ);
        if (!(spacing.X > 0 && spacing.Y > 0 && spacing.Z > 0) || !double.IsFinite(spacing.Length))
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be positive and finite (mm)");
        if (!double.IsFinite(origin.Length))
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "origin must be finite");
        CheckUnit(directionX, nameof(directionX));
        CheckUnit(directionY, nameof(directionY));
        CheckUnit(directionZ, nameof(directionZ));
        (SizeX, SizeY, SizeZ) = (sizeX, sizeY, sizeZ);
        (Spacing, Origin) = (spacing, origin);
        (DirectionX, DirectionY, DirectionZ) = (directionX, directionY, directionZ);
        IndexToPatient = new AffineTransform3D(directionX * spacing.X, directionY * spacing.Y, directionZ * spacing.Z, origin);
        if (Math.Abs(IndexToPatient.Determinant) < 1e-9 * spacing.X * spacing.Y * spacing.Z)
            throw new ArgumentException("the three directions are coplanar: the grid has no volume", nameof(directionZ));
        PatientToIndex = IndexToPatient.Inverse();
    }

    public int SizeX { get; }

    public int SizeY { get; }

    public int SizeZ { get; }

    /// <summary>Voxel spacing in mm: x = PixelSpacing[1] (between columns), y = PixelSpacing[0] (between rows), z = between slices.</summary>
    public Vector3D Spacing { get; }

    /// <summary>Patient position of the centre of voxel (0, 0, 0), mm.</summary>
    public Vector3D Origin { get; }

    /// <summary>ImageOrientationPatient row direction cosines (increasing column index).</summary>
    public Vector3D DirectionX { get; }

    /// <summary>ImageOrientationPatient column direction cosines (increasing row index).</summary>
    public Vector3D DirectionY { get; }

    /// <summary>Direction of increasing slice index.</summary>
    public Vector3D DirectionZ { get; }

    /// <summary>Maps (x, y, z) voxel indices to LPS millimetres; <see cref="AffineTransform3D.ToMatrix4x4"/> gives the 4×4 affine.</summary>
    public AffineTransform3D IndexToPatient { get; }

    /// <summary>The inverse of <see cref="IndexToPatient"/>: LPS millimetres to continuous voxel indices.</summary>
    public AffineTransform3D PatientToIndex { get; }

    public long VoxelCount => (long)SizeX * SizeY * SizeZ;

    /// <summary>Voxels in one slice (Rows × Columns).</summary>
    public int SliceVoxels => SizeX * SizeY;

    /// <summary>Whether the z axis is perpendicular to the image plane (no shear from gantry tilt).</summary>
    public bool IsOrthogonal => Math.Abs(Vector3D.Dot(DirectionZ, Vector3D.Cross(DirectionX, DirectionY))) > 1 - 1e-6;

    public Vector3D IndexToWorld(Vector3D index) => IndexToPatient.Transform(index);

    public Vector3D IndexToWorld(double x, double y, double z) => IndexToPatient.Transform(new Vector3D(x, y, z));

    public Vector3D WorldToIndex(Vector3D patient) => PatientToIndex.Transform(patient);

    /// <summary>Linear offset of voxel (x, y, z) in a buffer with x fastest, then y, then z.</summary>
    public long Offset(int x, int y, int z) => ((long)z * SizeY + y) * SizeX + x;

    public bool Contains(int x, int y, int z) =>
        (uint)x < (uint)SizeX && (uint)y < (uint)SizeY && (uint)z < (uint)SizeZ;

    /// <summary>
    /// The grid covering the same field of view at another spacing: same origin (centre of the first voxel)
    /// and directions, size round(n·old/new) per axis, at least 1.
    /// </summary>
    public ImageGeometry WithSpacing(Vector3D spacing)
    {
        if (!(spacing.X > 0 && spacing.Y > 0 && spacing.Z > 0))
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be positive (mm)");
        return new ImageGeometry(
            Resized(SizeX, Spacing.X, spacing.X), Resized(SizeY, Spacing.Y, spacing.Y), Resized(SizeZ, Spacing.Z, spacing.Z),
            spacing, Origin, DirectionX, DirectionY, DirectionZ);
    }

    /// <summary>
    /// The grid on the patient axes (x towards the patient's left, y posterior, z superior: LPS) at
    /// <paramref name="spacing"/> that covers this grid's voxels: origin at the lowest voxel centre on each axis,
    /// size round(extent / spacing), extent being what the voxels span along that axis. For a grid already on
    /// these axes it equals <see cref="WithSpacing"/>; otherwise it is the same field of view reoriented (feet-first,
    /// prone, reversed slice order, sagittal or coronal acquisitions all come out the same way up).
    /// </summary>
    public ImageGeometry AlignedToPatient(Vector3D spacing)
    {
        if (!(spacing.X > 0 && spacing.Y > 0 && spacing.Z > 0))
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be positive (mm)");
        var sizes = new int[3];
        var origin = new double[3];
        for (var p = 0; p < 3; p++)
        {
            double low = double.MaxValue, high = double.MinValue;
            for (var corner = 0; corner < 8; corner++)
            {
                var c = IndexToWorld((corner & 1) * (SizeX - 1), ((corner >> 1) & 1) * (SizeY - 1), ((corner >> 2) & 1) * (SizeZ - 1));
                low = Math.Min(low, c[p]);
                high = Math.Max(high, c[p]);
            }
            var voxelSpan = Math.Abs(DirectionX[p]) * Spacing.X + Math.Abs(DirectionY[p]) * Spacing.Y + Math.Abs(DirectionZ[p]) * Spacing.Z;
            origin[p] = low;
            // + 1e-9: an extent that is a multiple and a half of the spacing rounds up, as WithSpacing does, despite float error
            sizes[p] = (int)Math.Clamp(Math.Round((high - low + voxelSpan) / spacing[p] + 1e-9, MidpointRounding.AwayFromZero), 1, int.MaxValue);
        }
        return new ImageGeometry(sizes[0], sizes[1], sizes[2], spacing, new Vector3D(origin[0], origin[1], origin[2]),
            new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));
    }

    /// <summary>Same size, directions and origin/spacing within <paramref name="tolerance"/> (mm and direction cosines).</summary>
    public bool IsSameGrid(ImageGeometry other, double tolerance = 1e-4) =>
        other is not null && SizeX == other.SizeX && SizeY == other.SizeY && SizeZ == other.SizeZ
        && HasSameDirections(other, tolerance)
        && Vector3D.MaxAbsDifference(Spacing, other.Spacing) <= tolerance
        && Vector3D.MaxAbsDifference(Origin, other.Origin) <= tolerance;

    /// <summary>Same direction cosines on all three axes, within <paramref name="tolerance"/>.</summary>
    public bool HasSameDirections(ImageGeometry other, double tolerance = 1e-6) =>
        other is not null
        && Vector3D.MaxAbsDifference(DirectionX, other.DirectionX) <= tolerance
        && Vector3D.MaxAbsDifference(DirectionY, other.DirectionY) <= tolerance
        && Vector3D.MaxAbsDifference(DirectionZ, other.DirectionZ) <= tolerance;

    public bool Equals(ImageGeometry? other) => other is not null && IsSameGrid(other, 0);

    public override bool Equals(object? obj) => Equals(obj as ImageGeometry);

    public override int GetHashCode() => HashCode.Combine(SizeX, SizeY, SizeZ, Spacing, Origin, DirectionX, DirectionY, DirectionZ);

    public override string ToString() =>
        FormattableString.Invariant($"{SizeX}×{SizeY}×{SizeZ} at {Spacing} mm, origin {Origin}, x {DirectionX}, y {DirectionY}, z {DirectionZ}");

    private static int Resized(int size, double oldSpacing, double newSpacing) =>
        (int)Math.Clamp(Math.Round(size * oldSpacing / newSpacing, MidpointRounding.AwayFromZero), 1, int.MaxValue);

    private static void CheckUnit(Vector3D direction, string name)
    {
        if (!(Math.Abs(direction.Length - 1) <= UnitTolerance))
            throw new ArgumentException($"direction {direction} is not a unit vector", name);
    }
}
