using Mosmos.Phantom.Anatomy;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Acquisition;

/// <summary>Draws the acquisition from the seed, fitted to the patient (field of view, scan range).</summary>
public static class ScanSampler
{
    private static readonly double[] Thicknesses = [1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 5.0];

    private static readonly (string Model, string[] Kernels, double[] Smoothing)[] Scanners =
    [
        ("Phantom Somatom 64", ["B30f", "B31f", "Br40"], [0.7, 0.6, 0.35]),
        ("Phantom LightSpeed 16", ["STANDARD", "SOFT", "DETAIL"], [0.6, 0.9, 0.2]),
        ("Phantom Aquilion One", ["FC08", "FC18", "FC13"], [0.8, 0.55, 0.65]),
    ];

    public static ScanParameters Sample(Xoshiro256 rng, PhantomSize size, PatientParameters patient)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(patient);
        var position = rng.NextDouble() switch
        {
            < 0.62 => PatientPosition.HFS,
            < 0.84 => PatientPosition.FFS,
            < 0.93 => PatientPosition.HFP,
            _ => PatientPosition.FFP,
        };
        var phase = rng.NextDouble() switch { < 0.22 => ContrastPhase.NonContrast, < 0.42 => ContrastPhase.Arterial, _ => ContrastPhase.PortalVenous };
        var scanner = rng.Pick(Scanners);
        int k = rng.Next(0, scanner.Kernels.Length);

        // Scan range: from above the diaphragm (lung bases) to below the pubic symphysis, in body mm.
        var top = (StandardAnatomy.DiaphragmTopZ + rng.Uniform(20, 55)) * patient.ScaleZ;
        var bottom = (StandardAnatomy.SymphysisZ - rng.Uniform(5, 30)) * patient.ScaleZ;
        double thickness;
        int slices;
        if (size.Slices is { } fixedSlices)
        {
            slices = fixedSlices;
            thickness = Math.Round((top - bottom) / slices, 3);
        }
        else
        {
            thickness = rng.Pick(Thicknesses);
            slices = (int)Math.Ceiling((top - bottom) / thickness);
        }

        // Field of view fitted to the body with a 15–60 mm margin, as technologists do: 0.6–1.0 mm pixels at 512.
        var bodyWidth = 2 * (StandardAnatomy.WallHalfWidth * 1.06 * patient.ScaleX + patient.SubcutaneousFatMm);
        var spacing512 = Math.Clamp((bodyWidth + rng.Uniform(15, 60)) / 512, 0.6, 1.0);
        var spacing = Math.Round(spacing512 * 512 / size.Matrix, 4);
        var noise = rng.Uniform(6, 20) * (1 + (patient.SubcutaneousFatMm - 20) / 80);
        return new ScanParameters
        {
            Position = position,
            Phase = phase,
            Kvp = rng.Chance(0.7) ? 120 : 100,
            TubeCurrentMa = rng.Next(150, 400),
            Kernel = scanner.Kernels[k],
            KernelSmoothing = scanner.Smoothing[k],
            NoiseHu = Math.Round(noise, 1),
            Matrix = size.Matrix,
            PixelSpacingMm = spacing,
            SliceThicknessMm = thickness,
            Slices = slices,
            ScanTopMm = top,
            ScanBottomMm = top - thickness * slices,
            FovCenterXMm = rng.Uniform(-12, 12),
            FovCenterYMm = StandardAnatomy.WallCenterY * patient.ScaleY + rng.Uniform(-15, 15),
            TableOffsetMm = [rng.Uniform(-5, 5), rng.Uniform(120, 200) * (position is PatientPosition.HFP or PatientPosition.FFP ? -1 : 1), -rng.Uniform(200, 900)],
            TableHeightMm = Math.Round(rng.Uniform(120, 200), 1),
            ManufacturerModel = scanner.Model,
        };
    }
}
