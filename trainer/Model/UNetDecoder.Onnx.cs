using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class UNetDecoder
{
    /// <summary>Emits the decoder and the full-resolution head; deep-supervision heads are training-only.</summary>
    /// <param name="attention">The [N, K, d, h, w] maps on the bottleneck grid, required exactly when K &gt; 0.</param>
    public string Export(OnnxGraph g, IReadOnlyList<string> features, string prefix, string? attention = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(features);
        if ((attention is null) != (Config.AttentionChannels == 0))
            throw new NotSupportedException($"the decoder was built for {Config.AttentionChannels} attention channels");
        var x = features[^1];
        if (attention is not null) x = g.Node("Concat", $"{prefix}.attention", [x, attention], IntAttr("axis", 1));
        for (var j = Config.Depth - 2; j >= 0; j--)
        {
            var u = g.Node("ConvTranspose", $"{prefix}.up.{j}",
                [x, g.Initializer($"{prefix}.up.{j}.weight", up[j].weight!), g.Initializer($"{prefix}.up.{j}.bias", up[j].bias!)],
                IntsAttr("kernel_shape", 2, 2, 2), IntsAttr("strides", 2, 2, 2));
            x = attention is null
                ? g.Node("Concat", $"{prefix}.cat.{j}", [u, features[j]], IntAttr("axis", 1))
                : g.Node("Concat", $"{prefix}.cat.{j}", [u, features[j], UpsampleTo(g, attention, features[j], $"{prefix}.attention.{j}")], IntAttr("axis", 1));
            var b = 0;
            foreach (var block in blocks[j].children())
            {
                x = ((ConvNormAct)block).Export(g, x, $"{prefix}.blocks.{j}.{b}");
                b++;
            }
        }
        return g.Node("Conv", $"{prefix}.head",
            [x, g.Initializer($"{prefix}.head.weight", head.weight!), g.Initializer($"{prefix}.head.bias", head.bias!)],
            IntsAttr("kernel_shape", 1, 1, 1));
    }

    // Trilinear, align_corners=false (libtorch's interpolate) = ONNX Resize linear with pytorch_half_pixel.
    private static string UpsampleTo(OnnxGraph g, string attention, string skip, string scope)
    {
        var sizes = g.Node("Concat", scope,
            [g.Node("Slice", scope, [g.Node("Shape", scope, [attention]), g.Int64Constant(scope, [0]), g.Int64Constant(scope, [2])]),
             g.Node("Slice", scope, [g.Node("Shape", scope, [skip]), g.Int64Constant(scope, [2]), g.Int64Constant(scope, [5])])],
            IntAttr("axis", 0));
        return g.Node("Resize", scope, [attention, "", "", sizes],
            StringAttr("mode", "linear"), StringAttr("coordinate_transformation_mode", "pytorch_half_pixel"));
    }
}
