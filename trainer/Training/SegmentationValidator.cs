using Mosmos.Trainer.Data;
using Mosmos.Trainer.Model;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Training;

/// <summary>Mean Dice on held-out cases at one step; per organ, the mean over the cases where it was scored.</summary>
public sealed record ValidationScore(int Step, double MeanDice, IReadOnlyDictionary<string, double> DicePerOrgan);

/// <summary>
/// Validation during fine-tuning: each held-out case (already on the training grid) is predicted whole by
/// sliding windows of the training patch (half-patch stride, softmax averaged), in eval mode without gradients,
/// so nothing of the training state — weights, optimizer, the counter-based randomness — is touched. Dice per
/// foreground class per case; a class absent from both truth and prediction is not scored.
/// </summary>
public static class SegmentationValidator
{
    public static ValidationScore Run(UNet3d model, IReadOnlyList<PreparedCase> cases, int patch, IReadOnlyList<string> classNames, float padValue, int step)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(classNames);
        var sums = new double[classNames.Count];
        var counts = new int[classNames.Count];
        bool training = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var c in cases)
            {
                var predicted = Predict(model, c, patch, classNames.Count, padValue);
                for (int k = 1; k < classNames.Count; k++)
                {
                    if (Dice(predicted, c.Labels, (byte)k) is { } d) { sums[k] += d; counts[k]++; }
                }
            }
        }
        finally
        {
            model.train(training);
        }
        var perOrgan = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int k = 1; k < classNames.Count; k++)
        {
            if (counts[k] > 0) perOrgan[classNames[k]] = sums[k] / counts[k];
        }
        var total = counts.Sum();
        return new ValidationScore(step, total == 0 ? double.NaN : sums.Sum() / total, perOrgan);
    }

    /// <summary>2|A∩B| / (|A| + |B|), or null when the class is in neither.</summary>
    internal static double? Dice(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, byte label)
    {
        long a = 0, b = 0, both = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            bool p = predicted[i] == label, t = truth[i] == label;
            if (p) a++;
            if (t) b++;
            if (p && t) both++;
        }
        return a + b == 0 ? null : 2.0 * both / (a + b);
    }

    /// <summary>Argmax label map of a case, x fastest, by windows of <paramref name="patch"/>³ at a stride of half a patch.</summary>
    internal static byte[] Predict(UNet3d model, PreparedCase c, int patch, int classes, float padValue)
    {
        int sx = c.Size[0], sy = c.Size[1], sz = c.Size[2];
        long n = (long)sx * sy * sz;
        var sum = new float[classes * n];
        var window = new float[patch * patch * patch];
        foreach (var z0 in Starts(sz, patch))
        foreach (var y0 in Starts(sy, patch))
        foreach (var x0 in Starts(sx, patch))
        {
            for (int k = 0; k < patch; k++)
            for (int j = 0; j < patch; j++)
            for (int i = 0; i < patch; i++)
            {
                int x = x0 + i, y = y0 + j, z = z0 + k;
                window[(k * patch + j) * patch + i] = x < sx && y < sy && z < sz ? c.Image[((long)z * sy + y) * sx + x] : padValue;
            }
            using var scope = NewDisposeScope();
            var probs = nn.functional.softmax(model.forward(tensor(window, [1, 1, patch, patch, patch])), 1).data<float>().ToArray();
            long plane = (long)patch * patch * patch;
            for (int k = 0; k < patch && z0 + k < sz; k++)
            for (int j = 0; j < patch && y0 + j < sy; j++)
            for (int i = 0; i < patch && x0 + i < sx; i++)
            {
                long p = (k * patch + j) * patch + i, v = ((long)(z0 + k) * sy + y0 + j) * sx + x0 + i;
                for (int cl = 0; cl < classes; cl++) sum[cl * n + v] += probs[cl * plane + p];
            }
        }
        var labels = new byte[n];
        for (long v = 0; v < n; v++)
        {
            int best = 0;
            for (int cl = 1; cl < classes; cl++) if (sum[cl * n + v] > sum[best * n + v]) best = cl;
            labels[v] = (byte)best;
        }
        return labels;
    }

    /// <summary>Window starts covering [0, n) at a stride of half a patch, the last flush with the end (0 when n ≤ patch).</summary>
    internal static IEnumerable<int> Starts(int n, int patch)
    {
        if (n <= patch) return [0];
        int count = (int)Math.Ceiling((double)(n - patch) / (patch / 2)) + 1;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * (n - patch) / (count - 1)));
    }
}
