namespace Mosmos.Dicom.Imaging.Labels;

/// <summary>
/// Keeps the largest 6-connected component of one label and clears the rest to background: an organ is one piece,
/// so islands are false positives. Works inside the label's bounding box; one byte of scratch per voxel.
/// </summary>
public static class LargestComponent
{
    /// <returns>Voxels cleared.</returns>
    public static int Keep(LabelGrid grid, byte value)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.BoundsOf(value) is not { } box) return 0;
        var voxels = grid.Voxels;
        var marks = new byte[voxels.Length];
        var queue = new Queue<int>();
        int best = -1, bestSize = 0;
        Func<byte, bool> member = v => v == value;
        for (int z = box.Z0; z <= box.Z1; z++)
        {
            for (int y = box.Y0; y <= box.Y1; y++)
            {
                for (int x = box.X0; x <= box.X1; x++)
                {
                    int i = grid.Index(x, y, z);
                    if (voxels[i] != value || marks[i] != 0) continue;
                    FloodFill.Seed(queue, marks, i, 1);
                    int size = FloodFill.Run(grid, box, queue, marks, 1, member);
                    if (size > bestSize) (best, bestSize) = (i, size);
                }
            }
        }
        // Second pass on fresh marks: mark the winner 2, then clear every other voxel of the label.
        Array.Clear(marks);
        FloodFill.Seed(queue, marks, best, 2);
        FloodFill.Run(grid, box, queue, marks, 2, member);
        int cleared = 0;
        for (int z = box.Z0; z <= box.Z1; z++)
        {
            for (int y = box.Y0; y <= box.Y1; y++)
            {
                for (int x = box.X0; x <= box.X1; x++)
                {
                    int i = grid.Index(x, y, z);
                    if (voxels[i] == value && marks[i] != 2)
                    {
                        voxels[i] = 0;
                        cleared++;
                    }
                }
            }
        }
        return cleared;
    }
}
