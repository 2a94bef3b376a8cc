using Mosmos.Phantom.Geometry;
using Mosmos.Phantom.Patients;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Kidneys (with sinus, medulla, hydronephrosis), adrenals above them, pancreas, duodenal C-loop.</summary>
internal static class Retroperitoneum
{
    public static void AddKidney(AnatomyContext c, AnatomyModel m, Side side)
    {
        if (c.Pathologies.Nephrectomy == side) return;
        var id = side == Side.Right ? "kidney_right" : "kidney_left";
        var r = c.Rng(id);
        float x = side == Side.Right ? -1 : 1;
        var s = c.Scale(id);
        // The right kidney sits lower, pushed down by the liver.
        var center = Jitter(r, V(72 * x, 52, side == Side.Right ? -8 : 8), 4);
        var radii = V(26, 22, 54) * s * V(Vary(r, 0.05), Vary(r, 0.05), Vary(r, 0.05));
        // Upper pole medial and posterior; the hilum faces forwards and inwards.
        var rotation = Tilt(r, -10, -12 * x, -25 * x, 3);
        var hilum = new Ellipsoid(center + V(-30 * x, -12, 0), V(14, 12, 22) * s);
        var kidney = new Ellipsoid(center, radii, rotation).Subtract(hilum, 6).Displace(Bumps(r, 2, 60));
        m.AddOrgan(id, kidney, Tissue.KidneyCortex, center, radii);
        var label = AnatomyModel.Label(id);
        m.Add($"{id} medulla", kidney.Offset(-7 * s), Tissue.KidneyMedulla, label: null, within: label);
        var sinus = new Ellipsoid(center + V(-12 * x, -5, 0), V(9, 8, 28) * s, rotation);
        m.Add($"{id} sinus", sinus, Tissue.Fat, label: null, within: label);
        if (c.Pathologies.Hydronephrosis == side)
        {
            var pelvis = new Ellipsoid(center + V(-14 * x, -6, -2), V(14, 12, 30) * s, rotation)
                .Union(new Ellipsoid(center + V(-6 * x, -2, 22), V(8, 7, 8) * s))
                .Union(new Ellipsoid(center + V(-6 * x, -2, -24), V(8, 7, 8) * s));
            m.Add($"{id} hydronephrosis", pelvis, Tissue.Urine, label: null, within: label);
            m.Add($"{id} dilated extrarenal pelvis", new Ellipsoid(center + V(-32 * x, -10, -6), V(12, 10, 14) * s), Tissue.Urine);
        }
        m.Add($"{id} ureter", new Tube([center + V(-26 * x, -8, -20), V(45 * x, 35, -90), V(40 * x, 25, -170), V(18 * x, -25, -212)], [3, 2.5f, 2.5f, 2.5f]),
            c.Pathologies.Hydronephrosis == side ? Tissue.Urine : Tissue.Muscle);
    }

    public static void AddAdrenal(AnatomyContext c, AnatomyModel m, Side side)
    {
        var id = side == Side.Right ? "adrenal_gland_right" : "adrenal_gland_left";
        var r = c.Rng(id);
        float x = side == Side.Right ? -1 : 1;
        var s = c.Scale(id);
        var apex = Jitter(r, side == Side.Right ? V(-35, 34, 78) : V(34, 32, 68), 3);
        // An inverted Y: a body in front, medial and lateral limbs running down and back.
        var body = new Tube([apex + V(3 * x, -11, -6), apex], [3.5f * s, 3.5f * s]);
        var medial = new Tube([apex, apex + V(5 * x, 10, -26)], [3 * s, 2.2f * s]);
        var lateral = new Tube([apex, apex + V(-9 * x, 12, -22)], [3 * s, 2.2f * s]);
        var gland = body.SmoothUnion(medial, 3).SmoothUnion(lateral, 3);
        m.AddOrgan(id, gland, Tissue.Adrenal, apex, V(6, 8, 14) * s);
    }

    public static void AddPancreas(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("pancreas");
        var s = c.Scale("pancreas") * (c.Patient.AgeYears > 70 ? 0.85f : 1f);
        var points = new[] { V(-30, 0, 2), V(-33, -8, 14), V(-8, -22, 24), V(25, -12, 34), V(55, 8, 44), V(78, 28, 55) };
        for (int i = 1; i < points.Length; i++) points[i] = Jitter(r, points[i], 3);
        var pancreas = new Tube(points, [10 * s, 15 * s, 9 * s, 10.5f * s, 9.5f * s, 8 * s]).Displace(Bumps(r, 2.5f, 25));
        m.AddOrgan("pancreas", pancreas, Tissue.Pancreas, points[3], V(15, 15, 15) * s);
        // The splenic vein runs along the back of the pancreas to the portal confluence.
        m.Add("splenic vein", new Tube([V(-4, -6, 22), points[3] + V(0, 14 * s, -2), points[4] + V(0, 13 * s, 0), points[5] + V(8, 10, 8)], [5, 4.5f, 4.5f, 4]),
            Tissue.PortalBlood);
        m.Add("superior mesenteric vein", new Tube([V(-4, -6, 22), V(-10, -24, -20), V(-14, -36, -90)], [6, 5.5f, 4]), Tissue.PortalBlood);
    }

    public static void AddDuodenum(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("duodenum");
        var s = c.Scale("duodenum");
        var points = new[]
        {
            V(-14, -48, 30), V(-38, -38, 30), V(-55, -18, 24), V(-60, -8, 0), V(-58, -2, -25), V(-42, 0, -40),
            V(-10, -10, -46), V(20, -12, -40), V(32, -12, -20), V(30, -20, -5),
        };
        for (int i = 1; i < points.Length; i++) points[i] = Jitter(r, points[i], 3);
        var radii = new float[points.Length];
        for (int i = 0; i < radii.Length; i++) radii[i] = (i == 0 ? 10 : 12) * s * Vary(r, 0.08);
        var duodenum = new Tube(points, radii).Displace(Bumps(r, 1.5f, 30));
        m.AddOrgan("duodenum", duodenum, Tissue.BowelWall, points[4], V(12, 12, 30) * s);
        var label = AnatomyModel.Label("duodenum");
        var lumen = duodenum.Offset(-3);
        m.Add("duodenal contents", lumen, Tissue.BowelFluid, label: null, within: label);
        m.Add("duodenal air", lumen.Intersect(new AboveLevel(c.GravityY > 0 ? -30 : 0, c.GravityY)), Tissue.Gas, label: null, within: label);
    }
}
