using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class UNetDecoder
{
    /// <summary>Emits the decoder and the full-resolution head; deep-supervision heads are training-only.</summary>
    public string Export(OnnxGraph g, IReadOnlyList<string> features, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(features);
        if (Config.AttentionChannels != 0)
            throw new NotSupportedException("attention inputs are exported together with the MOSMOS tag decoder (issue 9)");
        var x = features[^1];
        for (var j = Config.Depth - 2; j >= 0; j--)
        {
            var u = g.Node("ConvTranspose", $"{prefix}.up.{j}",
                [x, g.Initializer($"{prefix}.up.{j}.weight", up[j].weight!), g.Initializer($"{prefix}.up.{j}.bias", up[j].bias!)],
                IntsAttr("kernel_shape", 2, 2, 2), IntsAttr("strides", 2, 2, 2));
            x = g.Node("Concat", $"{prefix}.cat.{j}", [u, features[j]], IntAttr("axis", 1));
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
}
