using Mosmos.Trainer.Pretraining;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

/// <summary>Each loss against values worked out by hand from its definition.</summary>
public sealed class PretrainLossesTests
{
    [Fact]
    public void InfoNceIsTheMeanOfImageToReportAndReportToImageCrossEntropy()
    {
        using var scope = NewDisposeScope();
        // Orthogonal, matching pairs, scale 1: logits = I, every row's CE = log(e + 1) − 1.
        var eye = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        Assert.Equal(Math.Log(Math.E + 1) - 1, PretrainLosses.InfoNce(eye, eye, tensor(1f)).item<float>(), 5);

        // images [[1,0],[0,1]], reports [[0.6,0.8],[1,0]], scale 2 → logits [[1.2, 2],[1.6, 0]].
        var reports = tensor(new float[] { 0.6f, 0.8f, 1, 0 }, [2, 2]);
        var imageToReport = (-1.2 + Math.Log(Math.Exp(1.2) + Math.Exp(2)) + (-0 + Math.Log(Math.Exp(1.6) + 1))) / 2;
        var reportToImage = (-1.2 + Math.Log(Math.Exp(1.2) + Math.Exp(1.6)) + (-0 + Math.Log(Math.Exp(2) + 1))) / 2;
        Assert.Equal((imageToReport + reportToImage) / 2, PretrainLosses.InfoNce(eye, reports, tensor(2f)).item<float>(), 5);
    }

    [Fact]
    public void AsymmetricLossFocusesAndShiftsNegativesAndSkipsUnknownTags()
    {
        using var scope = NewDisposeScope();
        // logit 0 → p = 0.5. Positive (γ+ = 0): −log 0.5. Negative: p_m = 0.45, 0.45⁴ · −log 0.55.
        var logits = tensor(new float[] { 0, 0, -4, 30 }, [1, 4]);
        var targets = tensor(new float[] { 1, 0, 0, 0 }, [1, 4]);
        var known = tensor(new float[] { 1, 1, 1, 0 }, [1, 4]);
        // logit −4 → p = 0.018 < margin 0.05 → p_m = 0: an easy negative costs nothing. The unknown 30 is ignored.
        var expected = (Math.Log(2) + Math.Pow(0.45, 4) * -Math.Log(0.55) + 0) / 3;
        Assert.Equal(expected, PretrainLosses.Asymmetric(logits, targets, known).item<float>(), 5);
        Assert.Equal(expected, PretrainLosses.Tags(TagLossKind.Asymmetric, logits, targets, known).item<float>(), 5);
    }

    [Fact]
    public void BceIsTheMeanOverKnownEntries()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 0, 2, -50 }, [1, 3]);
        var targets = tensor(new float[] { 1, 0, 1 }, [1, 3]);
        var known = tensor(new float[] { 1, 1, 0 }, [1, 3]);
        var expected = (Math.Log(2) + Math.Log(1 + Math.Exp(2))) / 2;
        Assert.Equal(expected, PretrainLosses.Bce(logits, targets, known).item<float>(), 5);
    }

    [Fact]
    public void AligningLossIsTheCrossEntropyBetweenTheMaskDistributionAndTheAttention()
    {
        using var scope = NewDisposeScope();
        // A 2×2×2 attention grid over a 4×4×4 patch: cell (z, y, x) covers voxels [2z, 2z+2) × ….
        var labels = zeros([1, 4, 4, 4], ScalarType.Int64);
        labels[0, TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 2)] = tensor(2L); // organ 2 fills cell 0
        var uniform = full([1, 2, 2, 2, 2], 1f / 8);
        // Tag 0 is class 2 (present), tag 1 is class 1 (absent from the patch: not counted).
        Assert.Equal(Math.Log(8), AligningLoss.Compute(uniform, labels, [2, 1]).item<float>(), 5);

        // Organ 2 covers half of cell 0 and all of cell 1 → q = (1/3, 2/3, 0, …); a = (0.5, 0.25, 0.25/6 …).
        labels.zero_();
        labels[0, TensorIndex.Slice(0, 1), TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 2)] = tensor(2L);
        labels[0, TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 2), TensorIndex.Slice(2, 4)] = tensor(2L);
        var a = new float[8];
        a[0] = 0.5f;
        a[1] = 0.25f;
        for (var i = 2; i < 8; i++) a[i] = 0.25f / 6;
        var attention = tensor(a, [1, 1, 2, 2, 2]);
        var expected = -(Math.Log(0.5) / 3 + 2 * Math.Log(0.25) / 3);
        Assert.Equal(expected, AligningLoss.Compute(attention, labels, [2]).item<float>(), 5);
        // A tag without a label class, or no organ in the patch: nothing counts and the loss is 0.
        Assert.Equal(0f, AligningLoss.Compute(attention, labels, [-1]).item<float>());
        Assert.Equal(0f, AligningLoss.Compute(attention, labels, [1]).item<float>());
    }

    [Fact]
    public void TagClassesMatchCatalogIds()
    {
        Assert.Equal([2, -1, 1], AligningLoss.TagClasses(["kidney_right", "liver", "kidney_left"], ["background", "kidney_left", "kidney_right"]));
    }
}
