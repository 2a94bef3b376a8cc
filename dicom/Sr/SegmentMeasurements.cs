using System.Numerics;
using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Sr;

/// <summary>Intensity statistics of a segment's voxels (HU for CT). <see cref="StandardDeviation"/> is the
/// population standard deviation (divided by n), matching the "of population" derivations of CID 7464.</summary>
public sealed record IntensityStatistics(double Mean, double Minimum, double Maximum, double StandardDeviation);

/// <summary>What the SR reports for one segment: voxel count, volume, and intensity statistics when an image was given.</summary>
public sealed record SegmentMeasurement(long VoxelCount, double VolumeMm3, IntensityStatistics? Intensity)
{
    public double VolumeCm3 => VolumeMm3 / 1000;
}

/// <summary>
/// Per-label measurements from a label map and, optionally, the intensity volume on the same grid:
/// volume = voxel count × voxel volume (PixelSpacing[0] · PixelSpacing[1] · slice spacing, dicom-seg-sr.md §3.3).
/// </summary>
public static class SegmentMeasurements
{
    /// <summary>Measurements per label value present in the map (background 0 excluded).</summary>
    public static IReadOnlyDictionary<byte, SegmentMeasurement> Compute(LabelMap labels, double voxelVolumeMm3) =>
        Compute<short>(labels, ReadOnlySpan<short>.Empty, voxelVolumeMm3, withIntensity: false);

    /// <summary>Measurements with statistics of <paramref name="intensities"/> (e.g. HU, same voxel order as the map).</summary>
    public static IReadOnlyDictionary<byte, SegmentMeasurement> Compute<T>(LabelMap labels, ReadOnlySpan<T> intensities, double voxelVolumeMm3)
        where T : unmanaged, INumberBase<T> =>
        Compute(labels, intensities, voxelVolumeMm3, withIntensity: true);

    private static Dictionary<byte, SegmentMeasurement> Compute<T>(LabelMap labels, ReadOnlySpan<T> intensities, double voxelVolumeMm3, bool withIntensity)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(voxelVolumeMm3 > 0)) throw new ArgumentOutOfRangeException(nameof(voxelVolumeMm3), voxelVolumeMm3, "the voxel volume must be positive");
        var voxels = labels.Voxels;
        if (withIntensity && intensities.Length != voxels.Length)
            throw new ArgumentException($"the intensity volume has {intensities.Length} voxels, the label map {voxels.Length}", nameof(intensities));
        var count = new long[256];
        var sum = new double[256];
        var sumSquares = new double[256];
        var min = new double[256];
        var max = new double[256];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int i = 0; i < voxels.Length; i++)
        {
            byte v = voxels[i];
            if (v == 0) continue;
            count[v]++;
            if (!withIntensity) continue;
            double x = double.CreateTruncating(intensities[i]);
            sum[v] += x;
            sumSquares[v] += x * x;
            if (x < min[v]) min[v] = x;
            if (x > max[v]) max[v] = x;
        }
        var result = new Dictionary<byte, SegmentMeasurement>();
        for (int v = 1; v < 256; v++)
        {
            if (count[v] == 0) continue;
            IntensityStatistics? stats = null;
            if (withIntensity)
            {
                double mean = sum[v] / count[v];
                double variance = Math.Max(0, sumSquares[v] / count[v] - mean * mean);
                stats = new IntensityStatistics(mean, min[v], max[v], Math.Sqrt(variance));
            }
            result[(byte)v] = new SegmentMeasurement(count[v], count[v] * voxelVolumeMm3, stats);
        }
        return result;
    }
}
