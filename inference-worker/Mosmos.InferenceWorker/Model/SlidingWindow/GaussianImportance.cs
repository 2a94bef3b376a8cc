namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>
/// The Gaussian importance map of sliding-window blending (nnU-Net, MONAI "gaussian" mode) with σ = 0.125·patch
/// per axis, kept separable: w(z, y, x) = gz[z]·gy[y]·gx[x], three short arrays instead of a patch-sized map.
/// Patch borders, where a network sees least context, weigh least.
/// </summary>
internal static class GaussianImportance
{
    // Floor per axis: a voxel covered only by patch corners must keep a positive weight, or its class sums are
    // all zero and it falls to background. exp(-8) ≈ 3.4e-4 is the value at 4σ, a patch's half-width.
    private const float Floor = 3e-4f;

    public static float[] Axis(int patch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patch, 1);
        var sigma = 0.125 * patch;
        var center = (patch - 1) / 2.0;
        var weights = new float[patch];
        var max = 0.0;
        for (var i = 0; i < patch; i++)
        {
            var d = i - center;
            var w = Math.Exp(-d * d / (2 * sigma * sigma));
            weights[i] = (float)w;
            max = Math.Max(max, w);
        }
        for (var i = 0; i < patch; i++)
            weights[i] = Math.Max(Floor, (float)(weights[i] / max));
        return weights;
    }
}
