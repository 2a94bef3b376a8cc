using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Model;

/// <summary>
/// The U-Net encoder as its own module so MOSMOS pre-training (issue 9) can train and hand over its weights
/// (state_dict prefix <c>encoder.</c>). Returns every stage's output, full resolution first; the last is the
/// bottleneck.
/// </summary>
public sealed partial class UNetEncoder : nn.Module<Tensor, IReadOnlyList<Tensor>>
{
    private readonly ModuleList<Sequential> stages = new();

    public UNetEncoder(UNetConfig config) : base(nameof(UNetEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        long inChannels = config.InChannels;
        for (var s = 0; s < config.Depth; s++)
        {
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var b = 0; b < config.ConvsPerStage; b++)
            {
                // Downsampling by a stride-2 convolution in the first block of every stage but the first.
                blocks.Add(new ConvNormAct(b == 0 ? inChannels : config.Widths[s], config.Widths[s], b == 0 && s > 0 ? 2 : 1));
            }
            stages.Add(nn.Sequential(blocks));
            inChannels = config.Widths[s];
        }
        RegisterComponents();
    }

    public UNetConfig Config { get; }

    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        var features = new List<Tensor>(stages.Count);
        var x = input;
        foreach (var stage in stages)
        {
            x = stage.forward(x);
            features.Add(x);
        }
        return features;
    }
}
