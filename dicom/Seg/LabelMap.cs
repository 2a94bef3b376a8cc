namespace Mosmos.Dicom.Seg;

/// <summary>
/// A label map on the source grid: one byte per voxel, value 0 = background, voxel (c, r, k) at index
/// <c>(k · Rows + r) · Columns + c</c>. Slice k is the source series' k-th slice in the caller's order
/// (the order of <see cref="SourceSeries.Frames"/>), rows and columns as in the source images.
/// </summary>
public sealed class LabelMap
{
    public LabelMap(int columns, int rows, int slices, byte[]? voxels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slices);
        long length = (long)columns * rows * slices;
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(slices), $"{columns}×{rows}×{slices} voxels exceed one array");
        voxels ??= new byte[length];
        if (voxels.Length != length)
            throw new ArgumentException($"expected {length} voxels, got {voxels.Length}", nameof(voxels));
        Columns = columns;
        Rows = rows;
        Slices = slices;
        Voxels = voxels;
    }

    public int Columns { get; }

    public int Rows { get; }

    public int Slices { get; }

    /// <summary>Voxels per slice.</summary>
    public int SliceLength => Columns * Rows;

    /// <summary>The voxels, slice by slice, row by row (shared, not copied).</summary>
    public byte[] Voxels { get; }

    public Span<byte> Slice(int k) => Voxels.AsSpan(k * SliceLength, SliceLength);

    public byte this[int column, int row, int slice]
    {
        get => Voxels[(slice * Rows + row) * Columns + column];
        set => Voxels[(slice * Rows + row) * Columns + column] = value;
    }
}
