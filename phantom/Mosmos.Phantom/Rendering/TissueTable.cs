using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Anatomy;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Rendering;

/// <summary>
/// Mean attenuation of each tissue in HU for non-contrast, arterial and portal venous phases (typical adult values
/// at 120 kV), and the amplitude of its low-frequency texture. Each patient gets a few HU of jitter per tissue.
/// </summary>
public static class TissueTable
{
    private static readonly Dictionary<Tissue, (float Plain, float Arterial, float Portal, float Texture)> Values = new()
    {
        [Tissue.Air] = (-1000, -1000, -1000, 0),
        [Tissue.Table] = (150, 150, 150, 5),
        [Tissue.Fat] = (-105, -105, -105, 6),
        [Tissue.VisceralFat] = (-95, -95, -95, 12),
        [Tissue.Muscle] = (48, 58, 62, 6),
        [Tissue.Ascites] = (8, 8, 10, 3),
        [Tissue.Lung] = (-860, -855, -850, 40),
        [Tissue.HeartBlood] = (42, 300, 150, 8),
        [Tissue.Myocardium] = (45, 110, 105, 6),
        [Tissue.CorticalBone] = (750, 750, 750, 80),
        [Tissue.CancellousBone] = (230, 235, 240, 45),
        [Tissue.Disc] = (80, 85, 90, 8),
        [Tissue.Csf] = (12, 12, 12, 4),
        [Tissue.Cartilage] = (140, 140, 140, 15),
        [Tissue.BowelWall] = (40, 85, 95, 8),
        [Tissue.Gas] = (-960, -960, -960, 20),
        [Tissue.Feces] = (-20, -20, -20, 90),
        [Tissue.BowelFluid] = (12, 14, 16, 6),
        [Tissue.Liver] = (58, 72, 112, 6),
        [Tissue.Spleen] = (48, 115, 120, 10),
        [Tissue.KidneyCortex] = (32, 185, 165, 8),
        [Tissue.KidneyMedulla] = (32, 80, 150, 8),
        [Tissue.Urine] = (6, 6, 8, 3),
        [Tissue.Pancreas] = (42, 115, 95, 10),
        [Tissue.Adrenal] = (28, 60, 65, 5),
        [Tissue.StomachWall] = (40, 90, 95, 6),
        [Tissue.GastricFluid] = (10, 10, 12, 10),
        [Tissue.Bile] = (8, 8, 8, 3),
        [Tissue.Gallstone] = (420, 420, 420, 40),
        [Tissue.Prostate] = (40, 60, 75, 6),
        [Tissue.Uterus] = (45, 95, 110, 8),
        [Tissue.Esophagus] = (40, 65, 75, 5),
        [Tissue.ArterialBlood] = (42, 320, 165, 8),
        [Tissue.VenousBlood] = (40, 70, 150, 10),
        [Tissue.PortalBlood] = (40, 110, 175, 8),
        [Tissue.Cyst] = (6, 7, 8, 3),
        [Tissue.HypoenhancingLesion] = (38, 55, 65, 10),
        [Tissue.HyperenhancingLesion] = (48, 150, 95, 10),
    };

    /// <summary>HU and texture amplitude per tissue value (index = (byte)Tissue) for one patient and phase.</summary>
    public static (float[] Hu, float[] Texture) For(ContrastPhase phase, int kvp, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var count = Enum.GetValues<Tissue>().Length;
        var hu = new float[count];
        var texture = new float[count];
        foreach (var tissue in Enum.GetValues<Tissue>())
        {
            var v = Values[tissue];
            var mean = phase switch { ContrastPhase.Arterial => v.Arterial, ContrastPhase.PortalVenous => v.Portal, _ => v.Plain };
            // Iodine and bone attenuate more at 100 kV (~+15 % above water).
            if (kvp < 120 && mean > 60) mean *= 1.15f;
            var jitter = tissue is Tissue.Air or Tissue.Gas ? 0 : (float)rng.Normal(0, 3 + Math.Abs(mean) * 0.04);
            hu[(byte)tissue] = mean + jitter;
            texture[(byte)tissue] = v.Texture;
        }
        return (hu, texture);
    }
}
