namespace Mosmos.Viewer.Tests;

/// <summary>A voxel (column, row, slice) to sample, with the label the ground truth gives it (0: background).</summary>
public sealed record SamplePoint(string Name, int Label, int Column, int Row, int Slice, int Depth);

/// <summary>
/// Where to look on the screen: a slice that shows every sampled organ well inside its outline (the deepest such
/// slice), and on it, for each organ, the voxel deepest inside it (city-block distance to the outline), so the viewer's outline,
/// anti-aliasing and the 3×3 sampling stay inside the organ; plus a background voxel of the body far from any organ.
/// </summary>
public static class SamplePoints
{
    /// <summary>An organ counts on a slice when its deepest voxel is at least this many voxels inside it.</summary>
    public const int MinDepth = 3;

    /// <summary>The sample points, or null when no slice shows every organ at least <see cref="MinDepth"/> deep.</summary>
    public static IReadOnlyList<SamplePoint>? Choose(byte[] labels, short[] hu, int columns, int rows, int slices, IReadOnlyList<(string Name, int Label)> organs)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(hu);
        ArgumentNullException.ThrowIfNull(organs);
        int plane = columns * rows;
        List<SamplePoint>? best = null;
        for (int k = 0; k < slices; k++)
        {
            var slice = labels.AsSpan(k * plane, plane);
            var found = new List<SamplePoint>();
            foreach (var (name, label) in organs)
            {
                var (index, depth) = Deepest(slice, columns, rows, v => v == label);
                if (depth >= MinDepth) found.Add(new(name, label, index % columns, index / columns, k, depth));
            }
            if (best is null || Better(found, best)) best = found;
        }
        if (best is null || best.Count < organs.Count) return null;
        int s = best[0].Slice;
        var huSlice = hu.AsSpan(s * plane, plane).ToArray();
        var labelSlice = labels.AsSpan(s * plane, plane).ToArray();
        // soft tissue of the body (not air, not bone) that no segment covers
        var (bg, bgDepth) = Deepest(labelSlice, columns, rows, (v, i) => v == 0 && huSlice[i] is > -200 and < 200);
        if (bgDepth < MinDepth) return null;
        return [.. best, new SamplePoint("background", 0, bg % columns, bg / columns, s, bgDepth)];
    }

    private static bool Better(List<SamplePoint> a, List<SamplePoint> b) =>
        a.Count != b.Count ? a.Count > b.Count : a.Count > 0 && a.Min(p => p.Depth) > b.Min(p => p.Depth);

    private static (int Index, int Depth) Deepest(ReadOnlySpan<byte> slice, int columns, int rows, Func<byte, bool> inside) =>
        Deepest(slice.ToArray(), columns, rows, (v, _) => inside(v));

    /// <summary>The voxel of the mask farthest (city-block, two-pass transform) from any voxel outside it or the image edge.</summary>
    private static (int Index, int Depth) Deepest(byte[] slice, int columns, int rows, Func<byte, int, bool> inside)
    {
        var d = new int[slice.Length];
        for (int j = 0; j < rows; j++)
            for (int i = 0; i < columns; i++)
            {
                int n = j * columns + i;
                if (!inside(slice[n], n)) continue;
                int up = j > 0 ? d[n - columns] : 0, left = i > 0 ? d[n - 1] : 0;
                d[n] = Math.Min(up, left) + 1;
            }
        int best = -1, bestDepth = 0;
        for (int j = rows - 1; j >= 0; j--)
            for (int i = columns - 1; i >= 0; i--)
            {
                int n = j * columns + i;
                if (d[n] == 0) continue;
                int down = j < rows - 1 ? d[n + columns] : 0, right = i < columns - 1 ? d[n + 1] : 0;
                d[n] = Math.Min(d[n], Math.Min(down, right) + 1);
                if (d[n] > bestDepth) (best, bestDepth) = (n, d[n]);
            }
        return (best, bestDepth);
    }
}
