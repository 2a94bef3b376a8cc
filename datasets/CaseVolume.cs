namespace Mosmos.Datasets;

/// <summary>A loaded case: HU voxels and the optional label map, both x fastest on the case's grid.</summary>
public sealed record CaseVolume(DatasetCase Case, short[] Image, byte[]? Labels)
{
    public int SizeX => Case.Size[0];
    public int SizeY => Case.Size[1];
    public int SizeZ => Case.Size[2];

    /// <summary>Linear index of voxel (x, y, z).</summary>
    public long Index(int x, int y, int z) => ((long)z * SizeY + y) * SizeX + x;
}
