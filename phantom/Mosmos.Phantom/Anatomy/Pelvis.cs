using Mosmos.Phantom.Geometry;
using Mosmos.Phantom.Patients;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Urinary bladder behind the symphysis, prostate below it or the anteverted uterus over its dome.</summary>
internal static class Pelvis
{
    public static void AddUterus(AnatomyContext c, AnatomyModel m)
    {
        if (c.Patient.Sex != Sex.Female || c.Pathologies.Hysterectomy) return;
        var r = c.Rng("uterus");
        // Smaller after the menopause.
        var s = c.Scale("uterus") * (c.Patient.AgeYears > 55 ? 0.75f : 1f);
        var fundus = Jitter(r, V(0, -22, -168), 5);
        var cervix = Jitter(r, V(0, 12, -218), 3);
        var body = new Ellipsoid(fundus, V(30, 24, 40) * s * Vary(r, 0.06), Tilt(r, -55, 0, 0, 6));
        var uterus = body.SmoothUnion(new Tube([fundus + V(0, 12, -22) * s, cervix], [18 * s, 13 * s]), 8)
            .Displace(Bumps(r, 2, 40)).Intersect(c.Cavity.Offset(-2));
        m.AddOrgan("uterus", uterus, Tissue.Uterus, fundus, V(28, 22, 38) * s);
    }

    public static void AddBladder(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("bladder");
        var fill = (float)c.Patient.BladderFilling;
        // Filling raises the dome above the fixed base behind the symphysis.
        var radii = V(48, 40, 36) * (0.55f + 0.45f * fill) * V(Vary(r, 0.05), Vary(r, 0.05), Vary(r, 0.05));
        var center = Jitter(r, V(0, -48, -222 + radii.Z), 3);
        var bladder = new Ellipsoid(center, radii, Tilt(r, 10, 0, 0, 4)).Displace(Bumps(r, 2, 50)).Intersect(c.Cavity.Offset(-1));
        m.AddOrgan("urinary_bladder", bladder, Tissue.Muscle, center, radii);
        m.Add("urine", bladder.Offset(-3), Tissue.Urine, label: null, within: AnatomyModel.Label("urinary_bladder"));
    }

    public static void AddProstate(AnatomyContext c, AnatomyModel m)
    {
        if (c.Patient.Sex != Sex.Male) return;
        var r = c.Rng("prostate");
        // Benign enlargement with age.
        var s = c.Scale("prostate") * (1 + Math.Max(0, c.Patient.AgeYears - 55) * 0.01f);
        var center = Jitter(r, V(0, -28, -242), 3);
        var prostate = new Ellipsoid(center, V(22, 17, 17) * s, Tilt(r, -20, 0, 0, 5)).Displace(Bumps(r, 1.5f, 30));
        m.AddOrgan("prostate", prostate, Tissue.Prostate, center, V(22, 17, 17) * s);
    }
}
