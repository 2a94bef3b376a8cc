using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// Fixed sinusoidal 3D positional encoding of the spatial tokens (mosmos-method.md "Image encoder"): C/6
/// frequencies ω_f = 10000^(−f/(C/6)) per axis, [sin(z·ω), cos(z·ω), sin(y·ω), cos(y·ω), sin(x·ω), cos(x·ω)] at
/// integer voxel positions of the bottleneck grid. Computed from the grid's shape, so the exported graph keeps
/// symbolic D, H, W. C must be a multiple of 6.
/// </summary>
public static class PositionalEncoding3d
{
    public static float[] Frequencies(long dim)
    {
        if (dim < 6 || dim % 6 != 0) throw new ArgumentException($"the embedding dimension must be a positive multiple of 6 (got {dim})");
        var f = dim / 6;
        return [.. Enumerable.Range(0, (int)f).Select(i => (float)Math.Exp(-Math.Log(10000) * i / f))];
    }

    /// <summary>[d·h·w, C], z slowest, x fastest (the order of a flattened [d, h, w] grid).</summary>
    public static Tensor For(long d, long h, long w, long dim)
    {
        var freqs = tensor(Frequencies(dim));
        var f2 = 2 * freqs.shape[0];
        Tensor Axis(long n)
        {
            var angles = arange(n, dtype: ScalarType.Float32).unsqueeze(1) * freqs.unsqueeze(0);
            return cat([angles.sin(), angles.cos()], 1);
        }
        var pz = Axis(d).reshape(d, 1, 1, f2).expand(d, h, w, f2);
        var py = Axis(h).reshape(1, h, 1, f2).expand(d, h, w, f2);
        var px = Axis(w).reshape(1, 1, w, f2).expand(d, h, w, f2);
        return cat([pz, py, px], 3).reshape(d * h * w, dim);
    }

    /// <summary>A token grid [N, C, d, h, w] as tokens [N, d·h·w, C] with the encoding added.</summary>
    public static Tensor Tokens(Tensor grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return grid.flatten(2).transpose(1, 2) + For(grid.shape[2], grid.shape[3], grid.shape[4], grid.shape[1]).to(grid.device);
    }

    /// <summary>The same encoding as ONNX nodes, from the int64 shape [N, C, d, h, w] of the token grid.</summary>
    public static string Export(OnnxGraph g, string gridShape, long dim, string scope)
    {
        ArgumentNullException.ThrowIfNull(g);
        var freqs = Frequencies(dim);
        var f2 = 2L * freqs.Length;
        var freqConst = g.FloatConstant(scope, freqs, 1, freqs.Length);
        var target = g.Node("Concat", scope,
            [g.Node("Slice", scope, [gridShape, g.Int64Constant(scope, [2]), g.Int64Constant(scope, [5])]), g.Int64Constant(scope, [f2])],
            IntAttr("axis", 0));
        string Axis(long index, long[] broadcastShape)
        {
            var n = g.Node("Gather", scope, [gridShape, g.Int64Constant(scope, [index], scalar: true)], IntAttr("axis", 0));
            var range = g.Node("Range", scope, [g.Int64Constant(scope, [0], scalar: true), n, g.Int64Constant(scope, [1], scalar: true)]);
            var positions = g.Node("Unsqueeze", scope, [g.Node("Cast", scope, [range], IntAttr("to", 1)), g.Int64Constant(scope, [1])]);
            var angles = g.Node("Mul", scope, [positions, freqConst]);
            var sinCos = g.Node("Concat", scope, [g.Node("Sin", scope, [angles]), g.Node("Cos", scope, [angles])], IntAttr("axis", 1));
            return g.Node("Expand", scope, [g.Node("Reshape", scope, [sinCos, g.Int64Constant(scope, broadcastShape)]), target]);
        }
        var grid = g.Node("Concat", scope, [Axis(2, [-1, 1, 1, f2]), Axis(3, [1, -1, 1, f2]), Axis(4, [1, 1, -1, f2])], IntAttr("axis", 3));
        return g.Node("Reshape", scope, [grid, g.Int64Constant(scope, [-1, dim])]);
    }
}
