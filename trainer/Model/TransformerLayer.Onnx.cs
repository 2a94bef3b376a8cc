using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Model;

public sealed partial class TransformerLayer
{
    public string Export(OnnxGraph g, string x, string? additiveMask, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        var n = g.LayerNorm(x, attentionNorm, NormEpsilon, prefix + ".attentionNorm");
        x = g.Node("Add", prefix + ".attention", [x, attention.Export(g, n, n, additiveMask, prefix + ".attention", out _)]);
        var m = mlp.Export(g, g.LayerNorm(x, mlpNorm, NormEpsilon, prefix + ".mlpNorm"), prefix + ".mlp");
        return g.Node("Add", prefix + ".mlp", [x, m]);
    }
}
