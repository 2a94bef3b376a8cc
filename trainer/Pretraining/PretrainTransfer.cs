using Mosmos.Trainer.Model;
using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// Hands a pre-training run over to fine-tuning (mosmos-method.md "Fine-tuning network"): the encoder always; with
/// attention also the tag decoder and the tag embeddings (context + tag names through the pre-trained text
/// encoder, computed once), both frozen in the segmentation network, whose decoder then takes the K pixel-tag
/// attention maps. The segmentation decoder and head start fresh: pre-training has none.
/// </summary>
public static class PretrainTransfer
{
    /// <param name="plain">The fine-tuning network without attention (classes, widths, deep supervision).</param>
    /// <param name="attention">False for the "pre-trained encoder only" ablation.</param>
    /// <exception cref="ArgumentException">The pre-trained encoder's stages differ from <paramref name="plain"/>'s.</exception>
    public static UNet3d CreateModel(UNetConfig plain, long seed, string checkpoint, bool attention)
    {
        ArgumentNullException.ThrowIfNull(plain);
        using var source = PretrainCheckpoint.LoadModel(checkpoint, out var state);
        var network = state.Network;
        if (!network.Widths.SequenceEqual(plain.Widths) || network.ConvsPerStage != plain.ConvsPerStage)
            throw new ArgumentException($"the pre-training run {checkpoint} has encoder widths {string.Join(',', network.Widths)} "
                + $"({network.ConvsPerStage} convolutions per stage); fine-tune with --widths {string.Join(',', network.Widths)}");
        var config = attention ? plain with { AttentionChannels = network.TagHead.Tags.Length, TagHead = network.TagHead } : plain;
        var model = SegmentationTrainer.CreateModel(config, seed);
        model.Encoder.load_state_dict(source.Encoder.state_dict());
        if (attention)
        {
            model.Tags!.load_state_dict(source.Tags.state_dict());
            source.eval();
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            model.TagQueries!.copy_(source.TagEmbeddings());
        }
        return model;
    }
}
