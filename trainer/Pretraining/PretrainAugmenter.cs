using Mosmos.Trainer.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// Augmentation of pre-training pairs, drawn per pair so that no two views of a study are alike. With a few
/// hundred pairs and no augmentation the contrastive loss learns each pair by heart (training InfoNCE 0.006,
/// held-out retrieval at chance; docs/mosmos-results.md): the image encoder can tell studies apart by their exact
/// voxels and the text encoder by their exact wording, neither of which is what the report is about.
/// <list type="bullet">
/// <item>Image: an in-plane rotation, an isotropic scale and a shift (one affine grid per pair, air outside), then
/// intensity scale/offset and noise. Never a flip: the reports say left and right.</item>
/// <item>Report: each sentence dropped with <see cref="PretrainOptions.SentenceDropout"/> (at least one kept), so a
/// report is matched on whichever of its findings remain, as ConVIRT matches an image to one sampled sentence.</item>
/// </list>
/// </summary>
public static class PretrainAugmenter
{
    public const double MaxRotationRadians = 10 * Math.PI / 180;
    public const double MaxScaleChange = 0.1;

    /// <summary>Largest shift as a share of the cube's edge, per axis.</summary>
    public const double MaxShift = 0.08;

    public const double IntensityProbability = 0.5;
    public const double NoiseProbability = 0.3;

    /// <summary>Augmented copies of images [B, 1, S, S, S]; <paramref name="floor"/> (air) fills what moves in.</summary>
    public static Tensor Images(Tensor images, float floor, StepRandom rng)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(rng);
        var b = (int)images.shape[0];
        var theta = new float[b * 12];
        var scale = new float[b];
        var offset = new float[b];
        var sigma = new float[b];
        for (var i = 0; i < b; i++)
        {
            var a = rng.Uniform(-MaxRotationRadians, MaxRotationRadians);
            var s = 1 + rng.Uniform(-MaxScaleChange, MaxScaleChange);
            // affine_grid maps output (x, y, z) in [−1, 1] to input coordinates; a shift of f·edge is 2f there.
            double tx = 2 * rng.Uniform(-MaxShift, MaxShift), ty = 2 * rng.Uniform(-MaxShift, MaxShift), tz = 2 * rng.Uniform(-MaxShift, MaxShift);
            float c = (float)(Math.Cos(a) / s), n = (float)(Math.Sin(a) / s), z = (float)(1 / s);
            float[] row = [c, -n, 0, (float)tx, n, c, 0, (float)ty, 0, 0, z, (float)tz];
            row.CopyTo(theta, i * 12);
            var intensity = rng.Chance(IntensityProbability);
            scale[i] = intensity ? (float)rng.Uniform(0.9, 1.1) : 1;
            offset[i] = intensity ? (float)rng.Uniform(-0.1, 0.1) : 0;
            sigma[i] = rng.Chance(NoiseProbability) ? (float)rng.Uniform(0, 0.05) : 0;
        }
        var grid = F.affine_grid(tensor(theta, [b, 3, 4]), images.shape, align_corners: false);
        // Sampled relative to air so that zero padding brings in air, not the window's middle.
        var warped = F.grid_sample(images - floor, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false) + floor;
        using var gen = new Generator((ulong)rng.NextSeed());
        var perCase = new long[] { b, 1, 1, 1, 1 };
        return warped * tensor(scale, perCase) + tensor(offset, perCase) + randn(images.shape, generator: gen) * tensor(sigma, perCase);
    }

    /// <summary>
    /// The report's token ids with each sentence dropped with probability <paramref name="dropout"/>; at least one
    /// sentence stays. What lies before the first or after the last sentence ([CLS], [SEP]) is kept, and the freed
    /// places are padded with <paramref name="padId"/>.
    /// </summary>
    /// <param name="sentences">Sentence boundaries: sentence i is tokens [b[i], b[i+1]) (<see cref="PretrainCase.Sentences"/>).</param>
    public static long[] DropSentences(long[] tokens, int[] sentences, double dropout, long padId, StepRandom rng)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(rng);
        var count = sentences.Length - 1;
        if (count < 2 || dropout <= 0) return tokens;
        var keep = new bool[count];
        for (var i = 0; i < count; i++) keep[i] = !rng.Chance(dropout);
        if (!keep.Contains(true)) keep[rng.Next(count)] = true;
        var result = new List<long>(tokens.Length);
        result.AddRange(tokens[..sentences[0]]);
        for (var i = 0; i < count; i++)
        {
            if (keep[i]) result.AddRange(tokens[sentences[i]..sentences[i + 1]]);
        }
        result.AddRange(tokens[sentences[^1]..].Where(t => t != padId));
        while (result.Count < tokens.Length) result.Add(padId);
        return [.. result];
    }

    /// <summary>
    /// Sentence boundaries of padded token ids: a sentence ends after each position where <paramref name="endsSentence"/>
    /// holds; the first starts after [CLS], the last ends before the final non-pad token ([SEP], or the cut's last piece).
    /// </summary>
    public static int[] SentenceBoundaries(long[] tokens, Func<int, bool> endsSentence, long padId)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(endsSentence);
        var end = Array.FindLastIndex(tokens, t => t != padId);
        if (end < 2) return [];
        var bounds = new List<int> { 1 };
        for (var i = 1; i < end; i++)
        {
            if (endsSentence(i) && i + 1 < end) bounds.Add(i + 1);
        }
        bounds.Add(end);
        return [.. bounds];
    }
}
