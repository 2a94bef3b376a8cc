using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Model;

public sealed partial class UNetEncoder
{
    /// <summary>Emits every stage; returns the stage output names, full resolution first.</summary>
    public IReadOnlyList<string> Export(OnnxGraph g, string input, string prefix)
    {
        var outputs = new List<string>();
        var x = input;
        for (var s = 0; s < stages.Count; s++)
        {
            var b = 0;
            foreach (var block in stages[s].children())
            {
                x = ((ConvNormAct)block).Export(g, x, $"{prefix}.stages.{s}.{b}");
                b++;
            }
            outputs.Add(x);
        }
        return outputs;
    }
}
