using System.Numerics;
using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Aorta left of the midline and IVC right of it, both in front of the spine, with their iliac branches and the
/// renal veins; the oesophagus from the mediastinum through the hiatus to the cardia.
/// </summary>
internal static class Vessels
{
    private static readonly float[] IvcRadii = [13, 12, 12, 11, 11.5f, 11, 10];

    /// <summary>Aortic radius along its course as a fraction of the patient's (it tapers towards the bifurcation).</summary>
    private static readonly float[] AortaTaper = [1.1f, 1.05f, 1f, 0.95f, 0.9f, 0.85f];

    public static void AddEsophagus(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("esophagus");
        var points = new[] { V(8, 42, 330), V(10, 36, 220), V(18, 25, 150), V(32, 12, 118), V(46, 8, 108) };
        for (int i = 1; i < points.Length - 1; i++) points[i] = Jitter(r, points[i], 3);
        var esophagus = new Tube(points, [8, 8.5f, 9, 9.5f, 10]);
        m.AddOrgan("esophagus", esophagus, Tissue.Esophagus, points[2], V(9, 9, 60));
        m.Add("oesophageal air", new Tube(points[..3], [2.5f, 2.5f, 1.5f]), Tissue.Gas, label: null, within: AnatomyModel.Label("esophagus"));
    }

    public static void AddVeins(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("ivc");
        var s = c.Scale("aorta");
        var ivc = new[] { V(-10, 0, 195), V(-22, 18, 150), V(-26, 25, 100), V(-24, 25, 40), V(-22, 24, 0), V(-18, 26, -60), V(-12, 28, -88) };
        for (int i = 1; i < ivc.Length; i++) ivc[i] = Jitter(r, ivc[i], 2);
        var bifurcation = ivc[^1];
        m.Add("left renal vein", new Tube([V(50, 42, 6), V(22, 10, 4), V(-18, 22, 0)], [5, 4.5f, 6]), Tissue.VenousBlood);
        m.Add("right renal vein", new Tube([V(-50, 42, -6), V(-22, 26, -2)], [5, 6]), Tissue.VenousBlood);
        m.AddOrgan("inferior_vena_cava", new Tube(ivc, IvcRadii.Select(v => v * s).ToArray()),
            Tissue.VenousBlood, ivc[3], V(11, 11, 140));
        foreach (var x in new[] { -1f, 1f })
            m.Add("common and external iliac vein", new Tube([bifurcation, V(45 * x, 38, -150), V(68 * x, 22, -215), V(74 * x, -5, -265)], [9, 8, 7.5f, 7]), Tissue.VenousBlood);
    }

    public static void AddAorta(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("aorta");
        // The aorta widens with age (~1 mm per decade past 50).
        var radius = 11.5f * c.Scale("aorta") + Math.Max(0, c.Patient.AgeYears - 50) * 0.1f;
        var aorta = new[] { V(20, 46, 330), V(14, 36, 200), V(10, 24, 110), V(8, 20, 0), V(6, 20, -60), V(4, 20, -76) };
        for (int i = 1; i < aorta.Length; i++) aorta[i] = Jitter(r, aorta[i], 2);
        var radii = AortaTaper.Select(f => f * radius).ToArray();
        var bifurcation = aorta[^1];
        m.Add("superior mesenteric artery", new Tube([V(8, 14, 38), V(6, -16, 20), V(3, -32, -40), V(0, -42, -100)], [4, 4, 3.5f, 3]), Tissue.ArterialBlood);
        m.Add("coeliac trunk", new Tube([V(8, 14, 55), V(8, -8, 62)], [4, 3.5f]), Tissue.ArterialBlood);
        foreach (var x in new[] { -1f, 1f })
        {
            m.Add("renal artery", new Tube([V(8, 20, 10), V(50 * x, 46, 4 * -x)], [3.5f, 3]), Tissue.ArterialBlood);
            m.Add("common and external iliac artery", new Tube([bifurcation, V(35 * x, 28, -120), V(58 * x, 30, -165), V(70 * x, 8, -215), V(72 * x, -15, -262)], [8, 7.5f, 6.5f, 6, 5.5f]), Tissue.ArterialBlood);
        }
        m.AddOrgan("aorta", new Tube(aorta, radii), Tissue.ArterialBlood, aorta[3], new Vector3(radius, radius, 180));
    }
}
