using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class TextEncoder
{
    /// <summary>Emits <see cref="Pooled"/>: int64 ids [N, T] → [CLS] features [N, C].</summary>
    public string ExportPooled(OnnxGraph g, string ids, long padId, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        var embedded = g.Node("Gather", prefix + ".tokens", [g.Initializer(prefix + ".tokens.weight", tokens.weight!), ids], IntAttr("axis", 0));
        var length = g.Node("Slice", prefix + ".positions", [g.Node("Shape", prefix + ".positions", [ids]), g.Int64Constant(prefix + ".positions", [1]), g.Int64Constant(prefix + ".positions", [2])]);
        var used = g.Node("Slice", prefix + ".positions", [g.Initializer(prefix + ".positions", positions), g.Int64Constant(prefix + ".positions", [0]), length]);
        var x = g.Node("Add", prefix + ".positions", [embedded, used]);
        var isPad = g.Node("Cast", prefix + ".mask", [g.Node("Equal", prefix + ".mask", [ids, g.Int64Constant(prefix + ".mask", [padId], scalar: true)])], IntAttr("to", 1));
        var mask = g.Node("Unsqueeze", prefix + ".mask", [g.Node("Mul", prefix + ".mask", [isPad, g.FloatConstant(prefix + ".mask", [MaskValue])]), g.Int64Constant(prefix + ".mask", [1, 2])]);
        for (var i = 0; i < layers.Count; i++) x = layers[i].Export(g, x, mask, $"{prefix}.layers.{i}");
        x = g.LayerNorm(x, norm, TransformerLayer.NormEpsilon, prefix + ".norm");
        return g.Node("Gather", prefix + ".pooled", [x, g.Int64Constant(prefix + ".pooled", [0], scalar: true)], IntAttr("axis", 1));
    }
}
