using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mosmos.Trainer.Training;

/// <summary>
/// Spatial and intensity augmentation on a batch [B, 1, D, H, W] with labels [B, D, H, W].
/// Flipping the x axis (patient left/right) mirrors anatomy, so it also swaps the classes of paired organs
/// (<see cref="LateralPairs"/>); flips along y and z keep every organ on its side. Small in-plane rotations and
/// isotropic scaling use one affine grid for image (trilinear) and labels (nearest).
/// </summary>
public sealed class Augmenter
{
    private readonly long[] _swapX;

    /// <param name="classNames">Index = class value (0 = background), value = organ catalog id.</param>
    public Augmenter(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        _swapX = LateralPairs.SwapTable(classNames);
    }

    /// <summary>
    /// 0 by default: cases are on the patient axes (<see cref="Data.Reorientation"/>), and every flip would show the
    /// network a mirrored anatomy (liver on the left) that no scanner produces. Kept for data that is not oriented.
    /// </summary>
    public double FlipProbability { get; init; }
    public double AffineProbability { get; init; } = 0.3;
    public double MaxRotationRadians { get; init; } = 15 * Math.PI / 180;
    public double MaxScaleChange { get; init; } = 0.15;
    public double IntensityProbability { get; init; } = 0.3;
    public double NoiseProbability { get; init; } = 0.2;

    /// <summary>Returns new tensors; the inputs are left to the caller's dispose scope.</summary>
    public (Tensor Image, Tensor Labels) Apply(Tensor image, Tensor labels, StepRandom rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rng);
        if (rng.Chance(AffineProbability)) (image, labels) = Affine(image, labels, rng);
        // Tensor dims 2, 3, 4 of the image are z, y, x; labels lack the channel dim.
        if (rng.Chance(FlipProbability)) (image, labels) = (image.flip(2), labels.flip(1));
        if (rng.Chance(FlipProbability)) (image, labels) = (image.flip(3), labels.flip(2));
        if (rng.Chance(FlipProbability))
        {
            image = image.flip(4);
            labels = tensor(_swapX).index([labels.flip(3)]);
        }
        if (rng.Chance(IntensityProbability))
            image = image * rng.Uniform(0.9, 1.1) + rng.Uniform(-0.1, 0.1);
        if (rng.Chance(NoiseProbability))
        {
            using var gen = new Generator((ulong)rng.NextSeed());
            image = image + randn(image.shape, generator: gen) * rng.Uniform(0, 0.1);
        }
        return (image, labels);
    }

    private (Tensor, Tensor) Affine(Tensor image, Tensor labels, StepRandom rng)
    {
        var a = rng.Uniform(-MaxRotationRadians, MaxRotationRadians);
        var s = 1 + rng.Uniform(-MaxScaleChange, MaxScaleChange);
        float c = (float)(Math.Cos(a) / s), n = (float)(Math.Sin(a) / s), z = (float)(1 / s);
        // affine_grid maps output (x, y, z) in [-1, 1] to input coordinates; rotation about the slice axis.
        var theta = tensor(new[] { c, -n, 0, 0, n, c, 0, 0, 0, 0, z, 0 }, [1, 3, 4]).expand(image.shape[0], 3, 4);
        var grid = F.affine_grid(theta, image.shape, align_corners: false);
        var warped = F.grid_sample(image, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        var lab = F.grid_sample(labels.unsqueeze(1).to_type(ScalarType.Float32), grid, GridSampleMode.Nearest,
            GridSamplePaddingMode.Zeros, align_corners: false);
        return (warped, lab.squeeze(1).to_type(ScalarType.Int64));
    }
}
