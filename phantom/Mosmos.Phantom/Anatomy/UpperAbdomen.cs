using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Liver (under the right dome), gallbladder in its fossa, spleen (under the left dome), stomach.</summary>
internal static class UpperAbdomen
{
    public static void AddLiver(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("liver");
        var s = c.Scale("liver") * (c.Pathologies.Hepatomegaly ? (float)r.Uniform(1.18, 1.32) : 1f);
        // An enlarged liver grows downwards: the dome holds its top.
        var center = Jitter(r, V(-62, 8, 80 - (s - 1) * 70), 4);
        var radii = V(72, 80, 70) * s * V(Vary(r, 0.04), Vary(r, 0.04), Vary(r, 0.05));
        var right = new Ellipsoid(center, radii, Tilt(r, 0, 8, -10, 4));
        var riedel = new Ellipsoid(center + V(-22, 8, -58) * s, V(40, 50, 45) * s * Vary(r, 0.12));
        var left = new Ellipsoid(Jitter(r, V(22, -46, 100), 5), V(58, 30, 36) * s * Vary(r, 0.08), Tilt(r, 0, -12, -15, 5));
        var liver = right.SmoothUnion(riedel, 30).SmoothUnion(left, 35).Displace(Bumps(r, 4, 90))
            .Intersect(c.BelowDiaphragm.Offset(-1)).Intersect(c.Cavity.Offset(-1));
        m.AddOrgan("liver", liver, Tissue.Liver, center, radii);
        m.Add("portal vein", new Tube([V(-4, -6, 22), V(-24, -10, 44), V(-48, -2, 66), V(-70, 10, 80)], [7, 7.5f, 6, 4]),
            Tissue.PortalBlood, label: null);
    }

    public static void AddGallbladder(AnatomyContext c, AnatomyModel m)
    {
        if (c.Pathologies.Cholecystectomy) return;
        var r = c.Rng("gallbladder");
        var s = c.Scale("gallbladder") * (float)r.Uniform(0.8, 1.2);
        var fundus = Jitter(r, V(-52, -62, 22), 5);
        var neck = Jitter(r, V(-38, -28, 58), 4);
        var gb = new Tube([fundus, (fundus + neck) * 0.5f + V(-5, 0, 0), neck], [17 * s, 15 * s, 7 * s]).Displace(Bumps(r, 1.5f, 40));
        m.AddOrgan("gallbladder", gb, Tissue.Bile, (fundus + neck) * 0.5f, V(15, 15, 25) * s);
        m.Add("gallbladder wall", gb.Subtract(gb.Offset(-2)), Tissue.StomachWall, label: null, within: AnatomyModel.Label("gallbladder"));
        if (c.Pathologies.Gallstones)
        {
            // Stones sink to the dependent wall of the fundus.
            var at = fundus + V(0, c.GravityY * 9 * s, 2);
            m.Add("gallstones", new Ellipsoid(at, V(6, 5, 6)).Union(new Ellipsoid(at + V(7, -2, 4), V(4, 4, 4))),
                Tissue.Gallstone, label: null, within: AnatomyModel.Label("gallbladder"));
        }
    }

    public static void AddSpleen(AnatomyContext c, AnatomyModel m)
    {
        if (c.Pathologies.Splenectomy) return;
        var r = c.Rng("spleen");
        var s = c.Scale("spleen") * (c.Pathologies.Splenomegaly ? (float)r.Uniform(1.4, 1.75) : 1f);
        // An enlarged spleen extends down and forwards below the costal margin.
        var center = Jitter(r, V(90, 50 - (s - 1) * 40, 86 - (s - 1) * 60), 4);
        var radii = V(22 * (0.6f + 0.4f * s), 45 * s, 52 * s) * V(Vary(r, 0.05), Vary(r, 0.05), Vary(r, 0.06));
        var rotation = Tilt(r, -25, 0, 20, 5);
        var hilum = new Ellipsoid(center + V(-40, -10, 0), V(24, 38 * s, 44 * s));
        var spleen = new Ellipsoid(center, radii, rotation).Subtract(hilum, 10).Displace(Bumps(r, 3, 70))
            .Intersect(c.BelowDiaphragm.Offset(-2)).Intersect(c.Cavity.Offset(-1));
        m.AddOrgan("spleen", spleen, Tissue.Spleen, center, radii);
    }

    public static void AddStomach(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("stomach");
        var s = c.Scale("stomach") * (float)r.Uniform(0.75, 1.1);
        var points = new[] { V(56, 22, 120), V(68, -5, 100), V(62, -38, 72), V(42, -58, 48), V(10, -62, 36), V(-14, -48, 30) };
        for (int i = 0; i < points.Length; i++) points[i] = Jitter(r, points[i], 4);
        var stomach = new Tube(points, [40 * s, 40 * s, 35 * s, 29 * s, 21 * s, 11]).Displace(Bumps(r, 3, 60))
            .Intersect(c.BelowDiaphragm.Offset(-3)).Intersect(c.Cavity.Offset(-1));
        m.AddOrgan("stomach", stomach, Tissue.StomachWall, points[2], V(35, 35, 50) * s);
        var label = AnatomyModel.Label("stomach");
        var lumen = stomach.Offset(-4);
        m.Add("gastric contents", lumen, Tissue.GastricFluid, label: null, within: label);
        // Swallowed air rises to the non-dependent side: the antrum when supine, the fundus when prone.
        var level = c.GravityY > 0 ? (float)r.Uniform(-50, -30) : (float)r.Uniform(0, 20);
        m.Add("gastric air", lumen.Intersect(new AboveLevel(level, c.GravityY)), Tissue.Gas, label: null, within: label);
    }
}
