using System.Numerics.Tensors;

namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>
/// Pixel-tag attention maps of a MOSMOS model over a whole volume: K maps [z, y, x] on the model grid. Each patch's
/// maps come on the bottleneck grid [K, d, h, w], each divided by its maximum (trainer/Export); a cell stands for the
/// block of patch voxels it was pooled from (the aligning loss pools organ masks the same way), so it is repeated
/// over that block, weighted with the same Gaussian as the probabilities, and <see cref="Finish"/> divides by the
/// weight sum: every value is a weighted mean of the patches' maps, in [0, 1]. Only the kept maps are blended
/// (all by default). Memory: (kept + 1) floats per voxel.
/// </summary>
internal sealed class AttentionMaps
{
    private readonly float[]?[] _maps;
    private readonly float[] _weights;
    private readonly float[] _row;
    private readonly float[] _rowWeights;
    private bool _finished;

    public AttentionMaps(int tags, Extent3 shape, int patchWidth, IReadOnlyList<bool>? kept = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tags, 1);
        if (kept is not null && kept.Count != tags)
            throw new ArgumentException($"{kept.Count} kept flags for {tags} tags", nameof(kept));
        Shape = shape;
        _maps = new float[tags][];
        for (var k = 0; k < tags; k++)
        {
            if (kept is null || kept[k])
                _maps[k] = new float[shape.Voxels];
        }
        _weights = new float[shape.Voxels];
        _row = new float[patchWidth];
        _rowWeights = new float[patchWidth];
    }

    public Extent3 Shape { get; }

    public int Tags => _maps.Length;

    /// <summary>Tag <paramref name="k"/>'s map (card tag order), [z, y, x]; after <see cref="Finish"/> values are in [0, 1].</summary>
    public float[] Map(int k) => _maps[k] ?? throw new InvalidOperationException($"attention map {k} was not kept or was released");

    /// <summary>Whether tag <paramref name="k"/>'s map is held (kept and not yet released).</summary>
    public bool Holds(int k) => _maps[k] is not null;

    /// <summary>Lets tag <paramref name="k"/>'s map be collected once it has been written.</summary>
    public void Release(int k) => _maps[k] = null;

    /// <summary>Adds one patch's maps ([K, grid] FP32) at <paramref name="origin"/> with the window's Gaussian weights.</summary>
    internal void Accumulate(Extent3 origin, Extent3 patch, Extent3 grid, ReadOnlySpan<float> maps, float[] weightZ, float[] weightY, float[] weightX)
    {
        int sz = patch.Z / grid.Z, sy = patch.Y / grid.Y, sx = patch.X / grid.X;
        var width = Math.Min(patch.X, Shape.X - origin.X);
        var rowWeights = _rowWeights.AsSpan(0, width);
        var row = _row.AsSpan(0, width);
        var cellsPerMap = grid.Z * grid.Y * grid.X;
        for (var z = 0; z < patch.Z && origin.Z + z < Shape.Z; z++)
        {
            for (var y = 0; y < patch.Y && origin.Y + y < Shape.Y; y++)
            {
                TensorPrimitives.Multiply(weightX.AsSpan(0, width), weightZ[z] * weightY[y], rowWeights);
                var target = ((origin.Z + z) * Shape.Y + origin.Y + y) * Shape.X + origin.X;
                var weights = _weights.AsSpan(target, width);
                TensorPrimitives.Add(weights, rowWeights, weights);
                var cellRow = (z / sz * grid.Y + y / sy) * grid.X;
                for (var k = 0; k < Tags; k++)
                {
                    if (_maps[k] is not { } map)
                        continue;
                    var cells = maps.Slice(k * cellsPerMap + cellRow, grid.X);
                    for (var cx = 0; cx < grid.X && cx * sx < width; cx++)
                        row.Slice(cx * sx, Math.Min(sx, width - cx * sx)).Fill(cells[cx]);
                    var sums = map.AsSpan(target, width);
                    TensorPrimitives.MultiplyAdd(row, rowWeights, sums, sums);
                }
            }
        }
    }

    /// <summary>Divides each map by the weight sum (positive everywhere: the Gaussian is floored and the patches cover the volume).</summary>
    internal void Finish()
    {
        if (_finished)
            return;
        foreach (var map in _maps)
        {
            if (map is not null)
                TensorPrimitives.Divide(map, _weights, map);
        }
        _finished = true;
    }
}
