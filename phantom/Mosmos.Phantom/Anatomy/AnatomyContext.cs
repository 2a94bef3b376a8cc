using System.Numerics;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Geometry;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Anatomy;

/// <summary>What every organ builder needs: the patient, the scan (gravity), and a random stream per organ.</summary>
public sealed class AnatomyContext(PatientParameters patient, ScanParameters scan, Xoshiro256 rng)
{
    public PatientParameters Patient { get; } = patient;

    public ScanParameters Scan { get; } = scan;

    public Pathologies Pathologies => Patient.Pathologies;

    /// <summary>+1 when the back is down (supine), −1 when prone: fluid settles towards +y·gravity, gas rises away.</summary>
    public float GravityY => Scan.IsProne ? -1 : 1;

    /// <summary>The muscle wall's outer surface, the abdominal cavity, the diaphragm (both domes).</summary>
    public TrunkColumn Wall { get; } = new(0);

    public TrunkColumn Cavity { get; } = new(-StandardAnatomy.WallThickness);

    public Shape BelowDiaphragm { get; } =
        new BelowDome(new Vector2(-55, 0), (float)StandardAnatomy.DiaphragmTopZ, 0.0035f, 0.0055f)
            .Union(new BelowDome(new Vector2(60, 5), (float)StandardAnatomy.DiaphragmTopZ - 14, 0.0035f, 0.0055f));

    /// <summary>The independent random stream of one organ or structure.</summary>
    public Xoshiro256 Rng(string name) => rng.Fork(name);

    /// <summary>Size factor of a catalog organ (1 when the sampler did not scale it).</summary>
    public float Scale(string organ) => Patient.OrganScale.TryGetValue(organ, out var s) ? (float)s : 1f;

    public static Vector3 V(float x, float y, float z) => new(x, y, z);

    /// <summary>Moves a landmark by a normal jitter of <paramref name="sdMm"/> in each axis.</summary>
    public static Vector3 Jitter(Xoshiro256 r, Vector3 p, float sdMm) =>
        p + new Vector3((float)r.Normal(0, sdMm), (float)r.Normal(0, sdMm), (float)r.Normal(0, sdMm));

    /// <summary>A random factor around 1 with the given spread (per-axis shape variation).</summary>
    public static float Vary(Xoshiro256 r, double spread) => (float)r.Normal(1, spread);

    public static Rotation Tilt(Xoshiro256 r, float x, float y, float z, float sdDegrees) =>
        Rotation.FromDegrees(x + (float)r.Normal(0, sdDegrees), y + (float)r.Normal(0, sdDegrees), z + (float)r.Normal(0, sdDegrees));

    public static SmoothNoise Bumps(Xoshiro256 r, float amplitudeMm, float wavelengthMm) => new(r, amplitudeMm, wavelengthMm);
}
