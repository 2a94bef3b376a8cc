using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class MultiHeadAttention
{
    /// <summary>Emits the attention; returns the output name and, in <paramref name="weights"/>, the [N, heads, Lq, Lk] weights.</summary>
    public string Export(OnnxGraph g, string q, string memory, string? additiveMask, string prefix, out string weights)
    {
        ArgumentNullException.ThrowIfNull(g);
        var qh = Split(g, g.Linear(q, query, prefix + ".query"), prefix + ".query");
        var kh = g.Node("Transpose", prefix + ".key", [Reshape(g, g.Linear(memory, key, prefix + ".key"), prefix + ".key")], IntsAttr("perm", 0, 2, 3, 1));
        var vh = Split(g, g.Linear(memory, value, prefix + ".value"), prefix + ".value");
        var scores = g.Node("MatMul", prefix + ".scores", [qh, kh]);
        scores = g.Node("Mul", prefix + ".scores", [scores, g.FloatConstant(prefix + ".scores", [(float)(1.0 / Math.Sqrt(HeadDim))])]);
        if (additiveMask is not null) scores = g.Node("Add", prefix + ".scores", [scores, additiveMask]);
        weights = g.Node("Softmax", prefix + ".weights", [scores], IntAttr("axis", -1));
        var attended = g.Node("Transpose", prefix + ".merge", [g.Node("MatMul", prefix + ".merge", [weights, vh])], IntsAttr("perm", 0, 2, 1, 3));
        var merged = g.Node("Reshape", prefix + ".merge", [attended, g.Int64Constant(prefix + ".merge", [0, 0, Dim])]);
        return g.Linear(merged, output, prefix + ".output");
    }

    // [N, L, C] → [N, L, heads, d]: Reshape's 0 copies the input dimension, so N and L stay symbolic.
    private string Reshape(OnnxGraph g, string x, string scope) =>
        g.Node("Reshape", scope, [x, g.Int64Constant(scope, [0, 0, Heads, HeadDim])]);

    private string Split(OnnxGraph g, string x, string scope) =>
        g.Node("Transpose", scope, [Reshape(g, x, scope)], IntsAttr("perm", 0, 2, 1, 3));
}
