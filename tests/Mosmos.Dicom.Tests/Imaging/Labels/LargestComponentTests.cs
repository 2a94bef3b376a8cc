using Mosmos.Dicom.Imaging.Labels;

namespace Mosmos.Dicom.Tests.Imaging.Labels;

public sealed class LargestComponentTests
{
    [Fact]
    public void KeepsTheLargestPieceAndClearsIslandsOfThatLabelOnly()
    {
        var grid = Grids.Empty(10, 10, 6);
        Grids.Fill(grid, 1, 1, 1, 4, 4, 4, 1);   // 4×4×4 = 64 voxels
        Grids.Fill(grid, 7, 7, 1, 8, 8, 1, 1);   // 2×2×1 island
        grid.Voxels[grid.Index(9, 0, 5)] = 1;    // one-voxel island in a corner
        Grids.Fill(grid, 7, 1, 1, 8, 2, 1, 2);   // another organ, untouched

        int cleared = LargestComponent.Keep(grid, 1);

        Assert.Equal(5, cleared);
        Assert.Equal(64, Grids.Count(grid, 1));
        Assert.Equal(4, Grids.Count(grid, 2));
        Assert.Equal(0, grid.Voxels[grid.Index(9, 0, 5)]);
    }

    [Fact]
    public void DiagonalNeighboursAreSeparateComponents()
    {
        // 6-connectivity: voxels touching only at an edge or a corner are not connected.
        var grid = Grids.Empty(4, 4, 4);
        grid.Voxels[grid.Index(0, 0, 0)] = 3;
        grid.Voxels[grid.Index(1, 0, 0)] = 3;
        grid.Voxels[grid.Index(2, 1, 1)] = 3;

        Assert.Equal(1, LargestComponent.Keep(grid, 3));
        Assert.Equal(2, Grids.Count(grid, 3));
    }

    [Fact]
    public void AbsentLabelChangesNothing()
    {
        var grid = Grids.Empty(3, 3, 3);
        grid.Voxels[4] = 2;
        Assert.Equal(0, LargestComponent.Keep(grid, 1));
        Assert.Equal(1, Grids.Count(grid, 2));
    }
}

/// <summary>Tiny label grids for the post-processing tests.</summary>
internal static class Grids
{
    public static LabelGrid Empty(int x, int y, int z) => new(new byte[x * y * z], x, y, z);

    public static void Fill(LabelGrid grid, int x0, int y0, int z0, int x1, int y1, int z1, byte value)
    {
        for (int z = z0; z <= z1; z++)
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++)
                    grid.Voxels[grid.Index(x, y, z)] = value;
    }

    public static int Count(LabelGrid grid, byte value) => grid.Voxels.Count(v => v == value);
}
