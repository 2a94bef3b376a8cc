using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Training;

/// <summary><see cref="SegmentationLoss.SoftDice"/> against values worked out by hand on 1×2×1 volumes.</summary>
public sealed class SegmentationLossTests
{
    // Logits so large that softmax is one-hot within float precision: the prediction is exactly the given classes.
    private static Tensor Logits(int classes, params long[] predicted)
    {
        var data = new float[classes * predicted.Length];
        for (var i = 0; i < predicted.Length; i++)
            for (var c = 0; c < classes; c++)
                data[c * predicted.Length + i] = c == predicted[i] ? 50f : -50f;
        return tensor(data, [1, classes, 1, 1, predicted.Length]);
    }

    private static Tensor Labels(params long[] truth) => tensor(truth, [1, 1, 1, truth.Length]);

    [Fact]
    public void Classes_absent_from_the_labels_do_not_count()
    {
        using var scope = NewDisposeScope();
        // Truth: background, class 1. Prediction: class 2, class 1. Class 1 Dice = 2·1 / (1 + 1) = 1; class 2 is absent
        // from the truth (predicted once), so it is left to the cross-entropy, and so is class 3 (neither).
        var dice = SegmentationLoss.SoftDice(Logits(4, 2, 1), Labels(0, 1)).item<float>();

        Assert.Equal(1f, dice, 4);
    }

    [Fact]
    public void Present_classes_are_averaged()
    {
        using var scope = NewDisposeScope();
        // Truth: 1, 2. Prediction: 1, 1. Class 1: 2·1 / (2 + 1) = 2/3; class 2: 0 / (0 + 1) = 0. Mean 1/3.
        var dice = SegmentationLoss.SoftDice(Logits(3, 1, 1), Labels(1, 2)).item<float>();

        Assert.Equal(1f / 3, dice, 4);
    }

    [Fact]
    public void Background_only_labels_give_one()
    {
        using var scope = NewDisposeScope();
        var dice = SegmentationLoss.SoftDice(Logits(3, 1, 2), Labels(0, 0)).item<float>();

        Assert.Equal(1f, dice, 4);
    }
}
