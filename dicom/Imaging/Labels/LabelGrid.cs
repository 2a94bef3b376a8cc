namespace Mosmos.Dicom.Imaging.Labels;

/// <summary>
/// A label map as the post-processing steps see it: one byte per voxel, x fastest, then y, then z (the volume's
/// memory order), with 6-connected neighbours (faces only), the usual choice for organ masks.
/// </summary>
public sealed class LabelGrid
{
    public LabelGrid(byte[] voxels, int sizeX, int sizeY, int sizeZ)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if (sizeX < 1 || sizeY < 1 || sizeZ < 1 || (long)sizeX * sizeY * sizeZ != voxels.Length)
            throw new ArgumentException($"{voxels.Length} voxels do not make a {sizeX}×{sizeY}×{sizeZ} grid", nameof(voxels));
        (Voxels, SizeX, SizeY, SizeZ) = (voxels, sizeX, sizeY, sizeZ);
    }

    public byte[] Voxels { get; }

    public int SizeX { get; }

    public int SizeY { get; }

    public int SizeZ { get; }

    /// <summary>The smallest box holding every voxel of <paramref name="value"/>, or null when there is none.</summary>
    internal Box? BoundsOf(byte value)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        int i = 0;
        for (int z = 0; z < SizeZ; z++)
        {
            for (int y = 0; y < SizeY; y++)
            {
                for (int x = 0; x < SizeX; x++, i++)
                {
                    if (Voxels[i] != value) continue;
                    (x0, x1) = (Math.Min(x0, x), Math.Max(x1, x));
                    (y0, y1) = (Math.Min(y0, y), Math.Max(y1, y));
                    (z0, z1) = (Math.Min(z0, z), Math.Max(z1, z));
                }
            }
        }
        return x1 < 0 ? null : new Box(x0, y0, z0, x1, y1, z1);
    }

    internal int Index(int x, int y, int z) => (z * SizeY + y) * SizeX + x;
}

/// <summary>An inclusive voxel box.</summary>
internal readonly record struct Box(int X0, int Y0, int Z0, int X1, int Y1, int Z1)
{
    public bool Contains(int x, int y, int z) => x >= X0 && x <= X1 && y >= Y0 && y <= Y1 && z >= Z0 && z <= Z1;

    /// <summary>Grown by one voxel on every side, clipped to the grid.</summary>
    public Box Grow(LabelGrid grid) => new(Math.Max(0, X0 - 1), Math.Max(0, Y0 - 1), Math.Max(0, Z0 - 1),
        Math.Min(grid.SizeX - 1, X1 + 1), Math.Min(grid.SizeY - 1, Y1 + 1), Math.Min(grid.SizeZ - 1, Z1 + 1));

    public bool OnBorder(int x, int y, int z) => x == X0 || x == X1 || y == Y0 || y == Y1 || z == Z0 || z == Z1;
}
