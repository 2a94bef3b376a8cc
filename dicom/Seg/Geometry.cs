namespace Mosmos.Dicom.Seg;

/// <summary>Small vector helpers for patient coordinates (LPS, mm; PS3.3 C.7.6.2.1.1).</summary>
internal static class Geometry
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    /// <summary>Slice normal = row direction × column direction.</summary>
    public static double[] Normal(ReadOnlySpan<double> iop) =>
    [
        iop[1] * iop[5] - iop[2] * iop[4],
        iop[2] * iop[3] - iop[0] * iop[5],
        iop[0] * iop[4] - iop[1] * iop[3],
    ];

    public static double[] Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

    /// <summary>Orientations agree within <paramref name="tolerance"/> per cosine (dcmjs uses 1e-3, dicom-seg-sr.md §7.1).</summary>
    public static bool SameOrientation(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tolerance)
    {
        for (int i = 0; i < 6; i++)
        {
            if (Math.Abs(a[i] - b[i]) > tolerance) return false;
        }
        return true;
    }
}
