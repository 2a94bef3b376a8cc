using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Model;

public sealed partial class TagDecoderLayer
{
    public string Export(OnnxGraph g, string queries, string memory, string prefix, out string crossWeights)
    {
        ArgumentNullException.ThrowIfNull(g);
        const double eps = TransformerLayer.NormEpsilon;
        var n = g.LayerNorm(queries, selfNorm, eps, prefix + ".selfNorm");
        var q = g.Node("Add", prefix + ".selfAttention", [queries, selfAttention.Export(g, n, n, null, prefix + ".selfAttention", out _)]);
        var c = g.LayerNorm(q, crossNorm, eps, prefix + ".crossNorm");
        q = g.Node("Add", prefix + ".crossAttention", [q, crossAttention.Export(g, c, memory, null, prefix + ".crossAttention", out crossWeights)]);
        var m = mlp.Export(g, g.LayerNorm(q, mlpNorm, eps, prefix + ".mlpNorm"), prefix + ".mlp");
        return g.Node("Add", prefix + ".mlp", [q, m]);
    }
}
