using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;

namespace Mosmos.Dicom.Tests.Sr;

public sealed class SegmentMeasurementsTests
{
    /// <summary>
    /// test-data.md §1: the 400 HU ball of the 20×64×64 synthetic CT — (x−c)² + (y−c)² + (2(k−kz))² ≤ 16²,
    /// c = 31.5, kz = 9.5 — has 8664 voxels = 13.8624 cm³ at 0.8 × 0.8 × 2.5 mm.
    /// </summary>
    [Fact]
    public void Ball_volume_matches_the_hand_computed_value()
    {
        var map = new LabelMap(64, 64, 20);
        var hu = new short[map.Voxels.Length];
        for (int k = 0; k < 20; k++)
        {
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    double dx = x - 31.5, dy = y - 31.5, dz = 2 * (k - 9.5);
                    bool ball = dx * dx + dy * dy + dz * dz <= 256;
                    map[x, y, k] = ball ? (byte)1 : (byte)0;
                    hu[(k * 64 + y) * 64 + x] = ball ? (short)400 : (short)-1000;
                }
            }
        }

        var m = SegmentMeasurements.Compute<short>(map, hu, 0.8 * 0.8 * 2.5)[1];

        Assert.Equal(8664, m.VoxelCount);
        Assert.Equal(13.8624, m.VolumeCm3, 1e-9);
        Assert.Equal(new IntensityStatistics(400, 400, 400, 0), m.Intensity);
    }

    [Fact]
    public void Statistics_match_hand_computed_values()
    {
        // Label 1 holds HU 10, 20, 30: mean 20, population SD √(200/3) = 8.16497; label 2 holds −5 only.
        var map = new LabelMap(2, 2, 1, [1, 1, 1, 2]);
        var m = SegmentMeasurements.Compute<float>(map, new float[] { 10, 20, 30, -5 }, 2.0);

        Assert.Equal(3, m[1].VoxelCount);
        Assert.Equal(0.006, m[1].VolumeCm3, 1e-12);
        Assert.Equal(20, m[1].Intensity!.Mean, 1e-12);
        Assert.Equal(10, m[1].Intensity!.Minimum);
        Assert.Equal(30, m[1].Intensity!.Maximum);
        Assert.Equal(Math.Sqrt(200.0 / 3), m[1].Intensity!.StandardDeviation, 1e-9);
        Assert.Equal(-5, m[2].Intensity!.Mean);
        Assert.False(m.ContainsKey(0));
    }

    [Fact]
    public void Voxel_volume_comes_from_positions_not_slice_thickness()
    {
        var source = new Seg.SegTestSeries { SliceSpacing = 3 }.Source();
        Assert.Equal(0.8 * 0.8 * 3, source.VoxelVolumeMm3, 1e-9);
        Assert.Equal(3, new Seg.SegTestSeries { SliceSpacing = 3, Reversed = true }.Source().SliceSpacing, 1e-9);
    }
}
