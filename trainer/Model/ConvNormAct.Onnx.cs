using Mosmos.Trainer.Export;
using static Mosmos.Trainer.Export.OnnxGraph;

namespace Mosmos.Trainer.Model;

public sealed partial class ConvNormAct
{
    /// <summary>Emits Conv → InstanceNormalization → LeakyRelu; initializers named <c>{prefix}.conv.weight</c> etc.</summary>
    public string Export(OnnxGraph g, string input, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        var c = g.Node("Conv", prefix + ".conv",
            [input, g.Initializer(prefix + ".conv.weight", conv.weight!), g.Initializer(prefix + ".conv.bias", conv.bias!)],
            IntsAttr("kernel_shape", 3, 3, 3), IntsAttr("strides", Stride, Stride, Stride), IntsAttr("pads", 1, 1, 1, 1, 1, 1));
        var n = g.Node("InstanceNormalization", prefix + ".norm",
            [c, g.Initializer(prefix + ".norm.weight", norm.weight!), g.Initializer(prefix + ".norm.bias", norm.bias!)],
            FloatAttr("epsilon", (float)NormEpsilon));
        return g.Node("LeakyRelu", prefix, [n], FloatAttr("alpha", (float)NegativeSlope));
    }
}
