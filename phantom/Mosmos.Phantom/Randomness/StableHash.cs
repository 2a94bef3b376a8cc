namespace Mosmos.Phantom.Randomness;

/// <summary>Hashes that never change between runs or runtimes (string.GetHashCode is randomised per process).</summary>
public static class StableHash
{
    /// <summary>FNV-1a 64 over the UTF-16 code units, then a SplitMix finaliser for avalanche.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>Hash of a voxel's integer coordinates and a seed: drives per-voxel noise without a sequential stream.</summary>
    public static uint Voxel(ulong seed, int x, int y, int z)
    {
        var h = seed ^ ((ulong)(uint)x * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)y * 0xC2B2AE3D27D4EB4FUL)
            ^ ((ulong)(uint)z * 0x165667B19E3779F9UL);
        return (uint)(Mix(h) >> 32);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
