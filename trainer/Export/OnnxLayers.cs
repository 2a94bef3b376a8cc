using Mosmos.Onnx;
using TorchSharp.Modules;
using static Mosmos.Trainer.Export.OnnxGraph;
using DataType = Mosmos.Onnx.TensorProto.Types.DataType;

namespace Mosmos.Trainer.Export;

/// <summary>
/// The Transformer primitives as ONNX nodes (opset 17): Linear, LayerNormalization, GELU and constants. Weights
/// keep their state_dict names; constants (scales, shapes, frequencies) are <c>Constant</c> nodes, not
/// initializers, so the initializer list stays exactly the module's state_dict.
/// </summary>
public static class OnnxLayers
{
    /// <summary><c>x · Wᵀ + b</c> over the last axis (TorchSharp's weight is [out, in]).</summary>
    public static string Linear(this OnnxGraph g, string x, Linear layer, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(layer);
        var wt = g.Node("Transpose", prefix, [g.Initializer(prefix + ".weight", layer.weight!)], IntsAttr("perm", 1, 0));
        var y = g.Node("MatMul", prefix, [x, wt]);
        return layer.bias is null ? y : g.Node("Add", prefix, [y, g.Initializer(prefix + ".bias", layer.bias)]);
    }

    /// <summary>LayerNormalization over the last axis (opset 17).</summary>
    public static string LayerNorm(this OnnxGraph g, string x, LayerNorm layer, double epsilon, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(layer);
        return g.Node("LayerNormalization", prefix,
            [x, g.Initializer(prefix + ".weight", layer.weight!), g.Initializer(prefix + ".bias", layer.bias!)],
            IntAttr("axis", -1), FloatAttr("epsilon", (float)epsilon));
    }

    /// <summary>Exact GELU, <c>x · ½ · (1 + erf(x / √2))</c>: opset 17 has no Gelu operator.</summary>
    public static string Gelu(this OnnxGraph g, string x, string scope)
    {
        ArgumentNullException.ThrowIfNull(g);
        var scaled = g.Node("Mul", scope, [x, g.FloatConstant(scope, [(float)(1 / Math.Sqrt(2))])]);
        var erf = g.Node("Erf", scope, [scaled]);
        var onePlus = g.Node("Add", scope, [erf, g.FloatConstant(scope, [1f])]);
        var half = g.Node("Mul", scope, [x, g.FloatConstant(scope, [0.5f])]);
        return g.Node("Mul", scope, [half, onePlus]);
    }

    /// <summary>A float32 <c>Constant</c> node; a scalar when <paramref name="dims"/> is empty.</summary>
    public static string FloatConstant(this OnnxGraph g, string scope, float[] values, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(values);
        var t = new TensorProto { DataType = (int)DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return g.Node("Constant", scope, [], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = t });
    }

    /// <summary>A 1-D int64 <c>Constant</c> node (shapes, axes, indices); a scalar when <paramref name="scalar"/>.</summary>
    public static string Int64Constant(this OnnxGraph g, string scope, long[] values, bool scalar = false)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(values);
        var t = new TensorProto { DataType = (int)DataType.Int64 };
        if (!scalar) t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        return g.Node("Constant", scope, [], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = t });
    }
}
