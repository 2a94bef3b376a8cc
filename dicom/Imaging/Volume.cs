namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Voxels on an <see cref="ImageGeometry"/>, x fastest, then y, then z, in one array (so callers can pin it or
/// hand it to a tensor without copying). <c>Volume&lt;float&gt;</c> holds images (HU for CT),
/// <c>Volume&lt;byte&gt;</c> label maps on the same grid.
/// </summary>
public sealed class Volume<T> where T : unmanaged
{
    /// <summary>Allocates a zeroed volume; refuses grids over <paramref name="maxVoxels"/> (DESIGN §5: bounded memory).</summary>
    public Volume(ImageGeometry geometry, long maxVoxels = VolumeLimits.DefaultMaxVoxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        VolumeLimits.Check(geometry, maxVoxels);
        Geometry = geometry;
        Data = new T[geometry.VoxelCount];
    }

    /// <summary>Wraps an existing buffer, which must hold exactly the grid's voxels.</summary>
    public Volume(ImageGeometry geometry, T[] data)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != geometry.VoxelCount)
            throw new ArgumentException($"the buffer holds {data.LongLength} voxels, the grid {geometry.VoxelCount}", nameof(data));
        Geometry = geometry;
        Data = data;
    }

    public ImageGeometry Geometry { get; }

    /// <summary>The voxels, x fastest; exposed as an array for zero-copy interop (tensors, pinning).</summary>
#pragma warning disable CA1819 // Properties should not return arrays: the buffer is the point of this type.
    public T[] Data { get; }
#pragma warning restore CA1819

    public ref T this[int x, int y, int z] => ref Data[Geometry.Offset(x, y, z)];

    /// <summary>The voxels of slice <paramref name="z"/> (Rows × Columns, row-major, as in a DICOM frame).</summary>
    public Span<T> Slice(int z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Geometry.SizeZ);
        int n = Geometry.SliceVoxels;
        return Data.AsSpan(z * n, n);
    }
}

/// <summary>Memory bounds for volumes.</summary>
public static class VolumeLimits
{
    /// <summary>2²⁸ voxels: 1 GiB as float, beyond any CT or MR series a worker should hold (512×512×1024).</summary>
    public const long DefaultMaxVoxels = 1L << 28;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the grid exceeds the bound or one array's capacity.</summary>
    public static void Check(ImageGeometry geometry, long maxVoxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        long count = geometry.VoxelCount;
        if (count > maxVoxels || count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(geometry), count,
                $"a {geometry.SizeX}×{geometry.SizeY}×{geometry.SizeZ} volume holds {count} voxels, over the limit of {Math.Min(maxVoxels, Array.MaxLength)}");
        }
    }
}
