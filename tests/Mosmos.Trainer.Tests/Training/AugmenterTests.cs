using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Training;

public sealed class AugmenterTests
{
    [Fact]
    public void PairedOrgansSwapOnlyWithTheirMirror()
    {
        var table = LateralPairs.SwapTable(["background", "kidney_left", "kidney_right", "spleen", "left-adrenal", "right-adrenal", "left_lung"]);
        Assert.Equal([0L, 2, 1, 3, 5, 4, 6], table);
    }

    [Fact]
    public void FlippingXMirrorsTheImageAndSwapsLeftAndRightClasses()
    {
        using var scope = NewDisposeScope();
        var augmenter = new Augmenter(["background", "kidney_left", "kidney_right"])
        {
            AffineProbability = 0, IntensityProbability = 0, NoiseProbability = 0, FlipProbability = 1,
        };
        // One voxel of each kidney on a 2×2×4 grid (z, y, x); x = 0 holds the right kidney.
        var labels = zeros([1, 2, 2, 4], ScalarType.Int64);
        labels[0, 0, 0, 0] = tensor(2L);
        labels[0, 0, 0, 3] = tensor(1L);
        var image = labels.unsqueeze(1).to_type(ScalarType.Float32);
        var (outImage, outLabels) = augmenter.Apply(image, labels, new StepRandom(1, 0, 0));

        // All three axes flipped: (z, y, x) → (1 − z, 1 − y, 3 − x); the classes follow the x mirror.
        // The left kidney (1) at x = 3 lands at x = 0 and becomes "right" (2), and vice versa; the image just moves.
        Assert.Equal(2L, outLabels[0, 1, 1, 0].item<long>());
        Assert.Equal(1L, outLabels[0, 1, 1, 3].item<long>());
        Assert.Equal(1f, outImage[0, 0, 1, 1, 0].item<float>());
        Assert.Equal(2f, outImage[0, 0, 1, 1, 3].item<float>());
        Assert.Equal(2L, outLabels.count_nonzero().item<long>());
    }

    [Fact]
    public void AffineWarpKeepsLabelsInTheirClassSet()
    {
        using var scope = NewDisposeScope();
        var augmenter = new Augmenter(["background", "a", "b"]) { AffineProbability = 1, FlipProbability = 0, IntensityProbability = 0, NoiseProbability = 0 };
        var labels = randint(0, 3, [2, 8, 8, 8]);
        var (image, warped) = augmenter.Apply(labels.unsqueeze(1).to_type(ScalarType.Float32), labels, new StepRandom(3, 1, 0));
        Assert.Equal(new long[] { 2, 1, 8, 8, 8 }, image.shape);
        Assert.Equal(ScalarType.Int64, warped.dtype);
        Assert.True(warped.min().item<long>() >= 0 && warped.max().item<long>() <= 2);
    }
}
