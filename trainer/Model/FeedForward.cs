using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>The Transformer MLP: Linear C → r·C, exact GELU, Linear r·C → C.</summary>
public sealed partial class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear expand;
    private readonly Linear contract;

    public FeedForward(long dim, long ratio) : base(nameof(FeedForward))
    {
        expand = nn.Linear(dim, dim * ratio);
        contract = nn.Linear(dim * ratio, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => contract.forward(nn.functional.gelu(expand.forward(input)));
}
