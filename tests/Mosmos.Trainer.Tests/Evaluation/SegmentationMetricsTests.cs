using Mosmos.Trainer.Evaluation;

namespace Mosmos.Trainer.Tests.Evaluation;

public sealed class SegmentationMetricsTests
{
    private static byte[] Box(int[] size, int x0, int x1, int y0, int y1, int z0, int z1, byte label = 1)
    {
        var map = new byte[size[0] * size[1] * size[2]];
        for (var z = z0; z <= z1; z++)
        for (var y = y0; y <= y1; y++)
        for (var x = x0; x <= x1; x++) map[(z * size[1] + y) * size[0] + x] = label;
        return map;
    }

    [Fact]
    public void DiceOfACubeShiftedByHalfItsWidth()
    {
        int[] size = [6, 4, 4];
        var a = Box(size, 0, 1, 0, 1, 0, 1);   // 8 voxels
        var b = Box(size, 1, 2, 0, 1, 0, 1);   // 8 voxels, 4 shared
        var m = SegmentationMetrics.Compute(a, b, 1, size, [1, 1, 1]);
        Assert.Equal(0.5, m.Dice, 12);           // 2·4 / (8 + 8)
    }

    [Fact]
    public void Hd95OfTwoSingleVoxelsIsTheirDistanceInMm()
    {
        int[] size = [5, 3, 3];
        var a = Box(size, 0, 0, 1, 1, 1, 1);
        var b = Box(size, 3, 3, 1, 1, 1, 1);
        var m = SegmentationMetrics.Compute(a, b, 1, size, [2, 1, 1]);
        Assert.Equal(6.0, m.Hd95Mm, 12);         // 3 voxels × 2 mm
        Assert.Equal(0.0, m.Dice);
    }

    [Fact]
    public void Hd95OfA3CubeShiftedByOneVoxel()
    {
        // ∂A has 26 voxels: the 9 of the x = 1 face are 1 mm from ∂B, the 8 ring voxels of x = 2 and of x = 3
        // lie on ∂B (0 mm), the centre of x = 3 is 1 mm away: 10 ones, 16 zeros → P95 (rank 23.75) = 1 mm.
        int[] size = [7, 5, 5];
        var a = Box(size, 1, 3, 1, 3, 1, 3);
        var b = Box(size, 2, 4, 1, 3, 1, 3);
        Assert.Equal(1.0, SegmentationMetrics.Compute(a, b, 1, size, [1, 1, 1]).Hd95Mm, 12);
    }

    [Fact]
    public void VolumeErrorInMlAndRelative()
    {
        int[] size = [4, 4, 4];
        var predicted = Box(size, 0, 1, 0, 1, 0, 1);   // 8 voxels
        var truth = Box(size, 0, 2, 0, 1, 0, 1);       // 12 voxels
        var m = SegmentationMetrics.Compute(predicted, truth, 1, size, [1, 1, 2.5]);
        Assert.Equal(-0.01, m.VolumeErrorMl, 12);     // −4 voxels × 2.5 mm³ = −10 mm³
        Assert.Equal(-1.0 / 3, m.RelativeVolumeError, 12);
        Assert.Equal(0.03, m.TrueVolumeMl, 12);
    }

    [Fact]
    public void EmptyOnBothSidesIsPerfectDiceAndUndefinedDistance()
    {
        int[] size = [3, 3, 3];
        var m = SegmentationMetrics.Compute(new byte[27], new byte[27], 1, size, [1, 1, 1]);
        Assert.Equal(1.0, m.Dice);
        Assert.True(double.IsNaN(m.Hd95Mm));
        Assert.True(double.IsNaN(m.RelativeVolumeError));
    }

    [Fact]
    public void DistanceTransformMatchesBruteForceWithAnisotropicSpacing()
    {
        int[] size = [9, 7, 6];
        double[] spacing = [0.7, 1.3, 2.5];
        var rng = new Random(4);
        var seeds = Enumerable.Range(0, 9 * 7 * 6).Select(_ => rng.NextDouble() < 0.03).ToArray();
        seeds[0] = true;
        var d = DistanceTransform.ToNearest(seeds, size, spacing);
        for (var i = 0; i < seeds.Length; i++)
        {
            var best = double.PositiveInfinity;
            for (var j = 0; j < seeds.Length; j++)
            {
                if (!seeds[j]) continue;
                double dx = (i % 9 - j % 9) * spacing[0], dy = (i / 9 % 7 - j / 9 % 7) * spacing[1], dz = (i / 63 - j / 63) * spacing[2];
                best = Math.Min(best, Math.Sqrt(dx * dx + dy * dy + dz * dz));
            }
            Assert.Equal(best, d[i], 9);
        }
    }
}
