namespace Mosmos.Phantom.Acquisition;

/// <summary>
/// The voxel grid in DICOM patient coordinates (LPS, mm). Voxel (i, j, k) = (column, row, slice) lies at
/// <c>Origin + i·Δ·Row + j·Δ·Column + k·Δz·Normal</c>; slices ascend along the normal, as a volume built from the
/// series by sorting on ImagePositionPatient would. Body coordinates are patient coordinates minus the table offset.
/// </summary>
public sealed class ImageGrid
{
    public ImageGrid(ScanParameters scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        Columns = Rows = scan.Matrix;
        Slices = scan.Slices;
        PixelSpacing = scan.PixelSpacingMm;
        SliceSpacing = scan.SliceThicknessMm;
        // PS3.3 C.7.6.2.1.1: row direction = direction of increasing column index. Supine: anterior at the top of the
        // image; head first: patient's right on the viewer's left. Prone and feet first flip the axes.
        (RowDirection, ColumnDirection) = scan.Position switch
        {
            PatientPosition.HFS => (new[] { 1.0, 0, 0 }, new[] { 0.0, 1, 0 }),
            PatientPosition.FFS => (new[] { -1.0, 0, 0 }, new[] { 0.0, 1, 0 }),
            PatientPosition.HFP => (new[] { -1.0, 0, 0 }, new[] { 0.0, -1, 0 }),
            _ => (new[] { 1.0, 0, 0 }, new[] { 0.0, -1, 0 }),
        };
        Normal = [0, 0, RowDirection[0] * ColumnDirection[1]];
        TableOffset = scan.TableOffsetMm;
        var halfX = (Columns - 1) / 2.0 * PixelSpacing;
        var halfY = (Rows - 1) / 2.0 * PixelSpacing;
        var firstZ = Normal[2] > 0 ? scan.ScanBottomMm + SliceSpacing / 2 : scan.ScanTopMm - SliceSpacing / 2;
        Origin =
        [
            scan.FovCenterXMm - RowDirection[0] * halfX + TableOffset[0],
            scan.FovCenterYMm - ColumnDirection[1] * halfY + TableOffset[1],
            firstZ + TableOffset[2],
        ];
    }

    public int Columns { get; }

    public int Rows { get; }

    public int Slices { get; }

    /// <summary>In-plane spacing in mm (rows and columns alike).</summary>
    public double PixelSpacing { get; }

    public double SliceSpacing { get; }

    public double[] RowDirection { get; }

    public double[] ColumnDirection { get; }

    public double[] Normal { get; }

    /// <summary>Patient position of voxel (0, 0, 0), mm.</summary>
    public double[] Origin { get; }

    public double[] TableOffset { get; }

    public long VoxelCount => (long)Columns * Rows * Slices;

    public long Index(int i, int j, int k) => ((long)k * Rows + j) * Columns + i;

    /// <summary>Patient (LPS) position of a voxel centre, mm.</summary>
    public double[] PositionOf(double i, double j, double k) =>
    [
        Origin[0] + i * PixelSpacing * RowDirection[0],
        Origin[1] + j * PixelSpacing * ColumnDirection[1],
        Origin[2] + k * SliceSpacing * Normal[2],
    ];

    /// <summary>ImagePositionPatient of slice <paramref name="k"/>.</summary>
    public double[] SlicePosition(int k) => PositionOf(0, 0, k);

    /// <summary>Body x of column i, body y of row j, body z of slice k (mm): the axes never mix, so each is 1D.</summary>
    public double BodyX(int i) => Origin[0] + i * PixelSpacing * RowDirection[0] - TableOffset[0];

    public double BodyY(int j) => Origin[1] + j * PixelSpacing * ColumnDirection[1] - TableOffset[1];

    public double BodyZ(int k) => Origin[2] + k * SliceSpacing * Normal[2] - TableOffset[2];

    /// <summary>The 4×4 row-major voxel → patient affine of the dataset format.</summary>
    public double[] Affine() =>
    [
        RowDirection[0] * PixelSpacing, ColumnDirection[0] * PixelSpacing, Normal[0] * SliceSpacing, Origin[0],
        RowDirection[1] * PixelSpacing, ColumnDirection[1] * PixelSpacing, Normal[1] * SliceSpacing, Origin[1],
        RowDirection[2] * PixelSpacing, ColumnDirection[2] * PixelSpacing, Normal[2] * SliceSpacing, Origin[2],
        0, 0, 0, 1,
    ];
}
