using System.Numerics;

namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Resampling between grids: trilinear for images, nearest neighbour for label maps. When the target shares the
/// source's directions (a change of spacing or crop, the model-spacing round trip) each axis maps independently,
/// so the work is done with per-axis index/weight tables in separable passes; any other target (reorientation,
/// de-shearing a tilted series) takes the general per-voxel affine path. Target voxels more than half a voxel
/// outside the source get <c>outside</c>; those within half a voxel take the edge value.
/// </summary>
public static partial class VolumeResampler
{
    /// <summary>Trilinear resampling onto the same field of view at <paramref name="spacing"/> (mm).</summary>
    public static Volume<float> Linear<T>(Volume<T> source, Vector3D spacing, float outside = 0, long maxVoxels = VolumeLimits.DefaultMaxVoxels)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        return Linear(source, source.Geometry.WithSpacing(spacing), outside, maxVoxels);
    }

    /// <summary>Trilinear resampling onto <paramref name="target"/>.</summary>
    public static Volume<float> Linear<T>(Volume<T> source, ImageGeometry target, float outside = 0, long maxVoxels = VolumeLimits.DefaultMaxVoxels)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var result = new Volume<float>(target, maxVoxels);
        if (target.HasSameDirections(source.Geometry))
            LinearSeparable(source, result, outside);
        else
            LinearGeneral(source, result, outside);
        return result;
    }

    /// <summary>Nearest-neighbour resampling onto the same field of view at <paramref name="spacing"/> (mm).</summary>
    public static Volume<T> Nearest<T>(Volume<T> source, Vector3D spacing, T outside = default, long maxVoxels = VolumeLimits.DefaultMaxVoxels)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        return Nearest(source, source.Geometry.WithSpacing(spacing), outside, maxVoxels);
    }

    /// <summary>
    /// Nearest-neighbour resampling onto <paramref name="target"/>, e.g. labels back onto exactly the source series
    /// grid before SEG encoding (<c>dicom-seg-sr.md</c> §5.7). The same grid gives an exact copy.
    /// </summary>
    public static Volume<T> Nearest<T>(Volume<T> source, ImageGeometry target, T outside = default, long maxVoxels = VolumeLimits.DefaultMaxVoxels)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var result = new Volume<T>(target, maxVoxels);
        if (target.IsSameGrid(source.Geometry, 1e-9))
            source.Data.AsSpan().CopyTo(result.Data);
        else if (target.HasSameDirections(source.Geometry))
            NearestSeparable(source, result, outside);
        else
            NearestGeneral(source, result, outside);
        return result;
    }

    /// <summary>Continuous source index of target voxel (0,0,0) and the per-axis index steps (same directions only).</summary>
    private static (Vector3D Start, Vector3D Ratio) AxisMaps(ImageGeometry source, ImageGeometry target) =>
        (source.WorldToIndex(target.Origin),
         new Vector3D(target.Spacing.X / source.Spacing.X, target.Spacing.Y / source.Spacing.Y, target.Spacing.Z / source.Spacing.Z));

    /// <summary>Whether a continuous index lies within half a voxel of a source of <paramref name="size"/> samples.</summary>
    private static bool Inside(double u, int size) => u >= -0.5 && u <= size - 0.5;
}
