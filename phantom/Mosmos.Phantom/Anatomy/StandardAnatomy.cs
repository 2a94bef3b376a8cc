namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Landmarks of the standard adult in anatomy coordinates: mm, x towards the patient's left, y towards the back,
/// z towards the head (the DICOM LPS axes); origin on the midline at the L1/L2 disc, y = 0 about 35 mm in front
/// of the vertebral bodies. A patient is this anatomy scaled by its habitus factors.
/// </summary>
public static class StandardAnatomy
{
    /// <summary>Top of the right hemidiaphragm dome.</summary>
    public const double DiaphragmTopZ = 150;

    /// <summary>Upper border of the pubic symphysis.</summary>
    public const double SymphysisZ = -245;

    /// <summary>Outer surface of the abdominal wall muscles at the waist: half-width, half-depth, centre y.</summary>
    public const double WallHalfWidth = 150;

    public const double WallHalfDepth = 118;

    public const double WallCenterY = 8;

    /// <summary>Thickness of the muscular abdominal wall.</summary>
    public const float WallThickness = 12;

    /// <summary>Centre of a vertebral body (y) and the spacing of vertebral levels (z).</summary>
    public const float VertebralBodyY = 55;

    public const float LevelSpacing = 32;

    /// <summary>z of vertebral level centres: L2 at −16 … (L1/L2 disc at 0).</summary>
    public static float LevelZ(int levelsAboveL2) => -16 + levelsAboveL2 * LevelSpacing;

    /// <summary>Width factor of the trunk along z: narrow waist, wide pelvis (piecewise linear).</summary>
    public static float WidthFactor(float z) => Interpolate(z, [-320, -200, -120, -40, 40, 120, 400], [1.04f, 1.06f, 1.0f, 0.95f, 0.96f, 1.0f, 1.0f]);

    public static float DepthFactor(float z) => Interpolate(z, [-320, -200, -100, 0, 400], [0.86f, 0.9f, 0.98f, 1.0f, 1.0f]);

    private static float Interpolate(float z, ReadOnlySpan<float> at, ReadOnlySpan<float> values)
    {
        if (z <= at[0]) return values[0];
        for (int i = 1; i < at.Length; i++)
        {
            if (z <= at[i])
            {
                var t = (z - at[i - 1]) / (at[i] - at[i - 1]);
                return values[i - 1] + t * (values[i] - values[i - 1]);
            }
        }
        return values[^1];
    }
}
