namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>A 3D size in voxels, slowest axis first: (z, y, x) = (slice, row, column), the volume's memory order.</summary>
internal readonly record struct Extent3(int Z, int Y, int X)
{
    public long Voxels => (long)Z * Y * X;

    /// <summary>From the model card's (x, y, z) order.</summary>
    public static Extent3 FromXyz(IReadOnlyList<int> xyz)
    {
        ArgumentNullException.ThrowIfNull(xyz);
        return new Extent3(xyz[2], xyz[1], xyz[0]);
    }
}
