namespace Mosmos.Dicom;

/// <summary>
/// sRGB → CIELab (D65) scaled to the 16-bit unsigned form of RecommendedDisplayCIELabValue (PS3.3 C.10.7.1.1):
/// L* · 65535/100, (a* + 128) · 65535/255, (b* + 128) · 65535/255.
/// </summary>
public static class CieLab
{
    public static ushort[] FromRgb(byte r, byte g, byte b)
    {
        double rl = Linear(r), gl = Linear(g), bl = Linear(b);
        // sRGB primaries to XYZ (IEC 61966-2-1), normalised by the D65 white point.
        double x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
        double y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl;
        double z = (0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl) / 1.08883;
        double fx = F(x), fy = F(y), fz = F(z);
        double l = 116 * fy - 16, a = 500 * (fx - fy), bb = 200 * (fy - fz);
        return [Scale(l / 100), Scale((a + 128) / 255), Scale((bb + 128) / 255)];
    }

    private static double Linear(byte c)
    {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    private static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;

    private static ushort Scale(double unit) => (ushort)Math.Clamp(Math.Round(unit * 65535), 0, 65535);
}
