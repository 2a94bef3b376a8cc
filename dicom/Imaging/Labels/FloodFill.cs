namespace Mosmos.Dicom.Imaging.Labels;

/// <summary>
/// Breadth-first 6-connected flood fill inside a box, with an explicit queue (no recursion, so no stack overflow on
/// a 512×512×300 organ). Marks reached voxels with <paramref name="mark"/> in a caller-owned byte map.
/// </summary>
internal static class FloodFill
{
    /// <returns>The number of voxels reached.</returns>
    public static int Run(LabelGrid grid, Box box, Queue<int> queue, byte[] marks, byte mark, Func<byte, bool> passable)
    {
        int reached = 0;
        int sx = grid.SizeX, plane = grid.SizeX * grid.SizeY;
        var voxels = grid.Voxels;
        while (queue.TryDequeue(out int i))
        {
            reached++;
            int z = i / plane, y = i % plane / sx, x = i % sx;
            Visit(x - 1, y, z, i - 1);
            Visit(x + 1, y, z, i + 1);
            Visit(x, y - 1, z, i - sx);
            Visit(x, y + 1, z, i + sx);
            Visit(x, y, z - 1, i - plane);
            Visit(x, y, z + 1, i + plane);
        }
        return reached;

        void Visit(int x, int y, int z, int j)
        {
            if (!box.Contains(x, y, z) || marks[j] != 0 || !passable(voxels[j])) return;
            marks[j] = mark;
            queue.Enqueue(j);
        }
    }

    /// <summary>Starts a fill at <paramref name="index"/>: marks it and queues it.</summary>
    public static void Seed(Queue<int> queue, byte[] marks, int index, byte mark)
    {
        marks[index] = mark;
        queue.Enqueue(index);
    }
}
