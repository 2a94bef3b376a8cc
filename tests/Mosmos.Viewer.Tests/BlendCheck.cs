using System.Globalization;

namespace Mosmos.Viewer.Tests;

/// <summary>What one sampled screen point says about a segment colour.</summary>
/// <param name="Opacity">The fitted fill opacity α of <c>shown = hidden + α·(colour − hidden)</c>.</param>
/// <param name="Residual">The largest channel difference between the screen and that blend.</param>
public sealed record BlendVerdict(bool Shows, double Opacity, double Residual, string Reason);

/// <summary>
/// Does a screen point show a segment colour? A viewer draws a labelmap as a translucent fill over the image, so the
/// pixel with the segmentation shown is the pixel with it hidden blended towards the segment colour:
/// <c>shown = hidden + α·(colour − hidden)</c> in each channel. α is fitted by least squares over the three channels;
/// the point shows the colour when α is a real fill opacity and the three channels agree with one blend.
/// </summary>
public static class BlendCheck
{
    /// <summary>Lowest fill opacity counted as shown (OHIF's default labelmap fill is 0.5).</summary>
    public const double MinOpacity = 0.25;

    /// <summary>Largest channel difference from the fitted blend (8-bit rounding, 3×3 averaging, anti-aliasing).</summary>
    public const double MaxResidual = 12;

    /// <summary>A colour too close to the underlying grey cannot be told apart from it.</summary>
    public const int MinContrast = 40;

    /// <summary>Largest channel change of a background point between shown and hidden.</summary>
    public const int MaxBackgroundChange = 4;

    public static BlendVerdict Check(Rgb shown, Rgb hidden, Rgb colour)
    {
        if (colour.MaxDifference(hidden) < MinContrast)
            return new(false, double.NaN, double.NaN, $"the colour {colour} is within {MinContrast} of the grey {hidden} underneath");
        double num = 0, den = 0;
        for (int c = 0; c < 3; c++)
        {
            double d = colour[c] - hidden[c];
            num += (shown[c] - hidden[c]) * d;
            den += d * d;
        }
        double alpha = num / den, residual = 0;
        for (int c = 0; c < 3; c++)
            residual = Math.Max(residual, Math.Abs(shown[c] - (hidden[c] + alpha * (colour[c] - hidden[c]))));
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"shown {shown}, hidden {hidden}, colour {colour}: opacity {alpha:F2}, residual {residual:F1}");
        if (alpha < MinOpacity) return new(false, alpha, residual, $"no fill of that colour ({detail})");
        if (alpha > 1.05) return new(false, alpha, residual, $"more than the colour itself ({detail})");
        if (residual > MaxResidual) return new(false, alpha, residual, $"another colour ({detail})");
        return new(true, alpha, residual, detail);
    }
}
