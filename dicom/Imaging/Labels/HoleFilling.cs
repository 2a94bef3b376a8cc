namespace Mosmos.Dicom.Imaging.Labels;

/// <summary>
/// Fills the 3D holes of one label: background voxels that cannot reach the outside through non-label voxels
/// (6-connected) become the label. Voxels of other organs are never overwritten. The fill runs in the label's
/// bounding box grown by one voxel, whose border is outside the organ, so flooding from that border finds exactly
/// the background the organ does not enclose.
/// </summary>
public static class HoleFilling
{
    /// <returns>Voxels filled.</returns>
    public static int Fill(LabelGrid grid, byte value)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.BoundsOf(value) is not { } bounds) return 0;
        var box = bounds.Grow(grid);
        var voxels = grid.Voxels;
        var marks = new byte[voxels.Length];
        var queue = new Queue<int>();
        Func<byte, bool> outside = v => v != value;
        for (int z = box.Z0; z <= box.Z1; z++)
        {
            for (int y = box.Y0; y <= box.Y1; y++)
            {
                for (int x = box.X0; x <= box.X1; x++)
                {
                    int i = grid.Index(x, y, z);
                    if (box.OnBorder(x, y, z) && voxels[i] != value && marks[i] == 0)
                        FloodFill.Seed(queue, marks, i, 1);
                }
            }
        }
        FloodFill.Run(grid, box, queue, marks, 1, outside);
        int filled = 0;
        for (int z = box.Z0; z <= box.Z1; z++)
        {
            for (int y = box.Y0; y <= box.Y1; y++)
            {
                for (int x = box.X0; x <= box.X1; x++)
                {
                    int i = grid.Index(x, y, z);
                    if (voxels[i] == 0 && marks[i] == 0)
                    {
                        voxels[i] = value;
                        filled++;
                    }
                }
            }
        }
        return filled;
    }
}
