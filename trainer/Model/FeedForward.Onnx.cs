using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Model;

public sealed partial class FeedForward
{
    public string Export(OnnxGraph g, string input, string prefix) =>
        g.Linear(g.Gelu(g.Linear(input, expand, prefix + ".expand"), prefix + ".gelu"), contract, prefix + ".contract");
}
