namespace Mosmos.Viewer.Tests;

/// <summary>An 8-bit sRGB colour as a screen shows it.</summary>
public readonly record struct Rgb(int R, int G, int B)
{
    public static Rgb From(IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count >= 3 ? new(values[0], values[1], values[2]) : throw new ArgumentException("an RGB colour needs three values", nameof(values));
    }

    public int this[int channel] => channel switch { 0 => R, 1 => G, 2 => B, _ => throw new ArgumentOutOfRangeException(nameof(channel)) };

    /// <summary>The largest difference of one channel.</summary>
    public int MaxDifference(Rgb other) => Math.Max(Math.Abs(R - other.R), Math.Max(Math.Abs(G - other.G), Math.Abs(B - other.B)));

    public override string ToString() => $"({R}, {G}, {B})";
}

/// <summary>
/// The display colour of a segment: RecommendedDisplayCIELabValue (PS3.3 C.10.7.1.1, L* scaled by 65535/100, a* and
/// b* offset by 128 and scaled by 65535/255) to sRGB with the D65 white point (IEC 61966-2-1), the inverse of
/// <c>Mosmos.Dicom.CieLab.FromRgb</c>.
/// </summary>
public static class DisplayColour
{
    public static Rgb FromCieLab(IReadOnlyList<ushort> lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        if (lab.Count != 3) throw new ArgumentException("a CIELab value has three components", nameof(lab));
        double l = lab[0] * 100.0 / 65535, a = lab[1] * 255.0 / 65535 - 128, b = lab[2] * 255.0 / 65535 - 128;
        double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
        double x = 0.95047 * FInverse(fx), y = FInverse(fy), z = 1.08883 * FInverse(fz);
        return new Rgb(
            Encode(3.2404542 * x - 1.5371385 * y - 0.4985314 * z),
            Encode(-0.9692660 * x + 1.8760108 * y + 0.0415560 * z),
            Encode(0.0556434 * x - 0.2040259 * y + 1.0572252 * z));
    }

    private static double FInverse(double t) => t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27);

    private static int Encode(double linear)
    {
        double v = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;
        return (int)Math.Clamp(Math.Round(v * 255), 0, 255);
    }
}
