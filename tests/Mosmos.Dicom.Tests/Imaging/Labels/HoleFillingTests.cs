using Mosmos.Dicom.Imaging.Labels;

namespace Mosmos.Dicom.Tests.Imaging.Labels;

public sealed class HoleFillingTests
{
    [Fact]
    public void FillsAnEnclosedCavity()
    {
        var grid = Grids.Empty(9, 9, 9);
        Grids.Fill(grid, 1, 1, 1, 7, 7, 7, 1);
        Grids.Fill(grid, 3, 3, 3, 5, 5, 5, 0);   // 27-voxel cavity

        Assert.Equal(27, HoleFilling.Fill(grid, 1));
        Assert.Equal(7 * 7 * 7, Grids.Count(grid, 1));
    }

    [Fact]
    public void LeavesACavityOpenToTheOutsideAndNeverOverwritesAnotherOrgan()
    {
        var grid = Grids.Empty(9, 9, 9);
        Grids.Fill(grid, 1, 1, 1, 7, 7, 7, 1);
        Grids.Fill(grid, 3, 3, 3, 5, 5, 5, 0);
        Grids.Fill(grid, 4, 4, 4, 4, 4, 4, 2);   // another organ inside the cavity
        Grids.Fill(grid, 4, 4, 0, 4, 4, 3, 0);   // a channel from the cavity to the outside (z = 0 face)

        Assert.Equal(0, HoleFilling.Fill(grid, 1));
        Assert.Equal(1, Grids.Count(grid, 2));
    }

    [Fact]
    public void OrganTouchingTheVolumeBorderIsHandled()
    {
        // The grown bounding box is clipped to the grid: the cavity is still found, the outside is not filled.
        var grid = Grids.Empty(5, 5, 5);
        Grids.Fill(grid, 0, 0, 0, 4, 4, 4, 1);
        grid.Voxels[grid.Index(2, 2, 2)] = 0;
        grid.Voxels[grid.Index(0, 0, 0)] = 0;    // a notch on the border: outside, stays background

        Assert.Equal(1, HoleFilling.Fill(grid, 1));
        Assert.Equal(0, grid.Voxels[grid.Index(0, 0, 0)]);
    }
}
