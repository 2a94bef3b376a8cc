using Mosmos.Contracts;

namespace Mosmos.Trainer.Data;

/// <summary>The model card's intensity rule: value = (clamp(hu, Lower, Upper) − Mean) / Std (DESIGN §4).</summary>
public static class Intensity
{
    /// <summary>Abdominal soft-tissue window in HU, mapped to roughly [−2, 2]: fat, organs and contrast stay apart.</summary>
    public static IntensityNormalization AbdomenCt { get; } = new(Lower: -250, Upper: 350, Mean: 50, Std: 150);

    public static void NormalizeInPlace(Span<float> hu, IntensityNormalization n)
    {
        ArgumentNullException.ThrowIfNull(n);
        float lo = (float)n.Lower, hi = (float)n.Upper, mean = (float)n.Mean, inv = (float)(1 / n.Std);
        for (var i = 0; i < hu.Length; i++) hu[i] = (Math.Clamp(hu[i], lo, hi) - mean) * inv;
    }

    /// <summary>The normalised value of air and anything below the window: the padding value for patches.</summary>
    public static float Floor(IntensityNormalization n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return (float)((n.Lower - n.Mean) / n.Std);
    }
}
