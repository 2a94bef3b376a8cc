using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class TagDecoder
{
    /// <summary>
    /// Emits tokens, positional encoding and decoder layers for constant queries (initializer
    /// <paramref name="queries"/>, [K, C]); returns the max-normalised attention maps [N, K, d, h, w]. The tag logits
    /// are not exported: inference needs only the maps.
    /// </summary>
    public string ExportAttention(OnnxGraph g, string bottleneck, string queries, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        var tokens = g.Node("Conv", prefix + ".visual",
            [bottleneck, g.Initializer(prefix + ".visual.weight", visual.weight!), g.Initializer(prefix + ".visual.bias", visual.bias!)],
            IntsAttr("kernel_shape", 1, 1, 1));
        var gridShape = g.Node("Shape", prefix + ".visual", [tokens]);
        var flat = g.Node("Transpose", prefix + ".tokens",
            [g.Node("Reshape", prefix + ".tokens", [tokens, g.Int64Constant(prefix + ".tokens", [0, 0, -1])])], IntsAttr("perm", 0, 2, 1));
        var positioned = g.Node("Add", prefix + ".position", [flat, PositionalEncoding3d.Export(g, gridShape, Config.EmbedDim, prefix + ".position")]);
        var memory = g.LayerNorm(positioned, memoryNorm, TransformerLayer.NormEpsilon, prefix + ".memoryNorm");
        var q = g.Node("Unsqueeze", prefix + ".queries", [queries, g.Int64Constant(prefix + ".queries", [0])]);
        var weights = "";
        for (var i = 0; i < layers.Count; i++) q = layers[i].Export(g, q, memory, $"{prefix}.layers.{i}", out weights);
        var mean = g.Node("ReduceMean", prefix + ".attention", [weights], IntsAttr("axes", 1), IntAttr("keepdims", 0));
        var mapShape = g.Node("Concat", prefix + ".attention",
            [g.Node("Slice", prefix + ".attention", [g.Node("Shape", prefix + ".attention", [mean]), g.Int64Constant(prefix + ".attention", [0]), g.Int64Constant(prefix + ".attention", [2])]),
             g.Node("Slice", prefix + ".attention", [gridShape, g.Int64Constant(prefix + ".attention", [2]), g.Int64Constant(prefix + ".attention", [5])])],
            IntAttr("axis", 0));
        var maps = g.Node("Reshape", prefix + ".attention", [mean, mapShape]);
        var max = g.Node("ReduceMax", prefix + ".attention", [maps], IntsAttr("axes", 2, 3, 4), IntAttr("keepdims", 1));
        return g.Node("Div", prefix + ".attention", [maps, max]);
    }
}
