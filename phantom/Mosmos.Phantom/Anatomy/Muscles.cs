using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Psoas, quadratus lumborum, erector spinae and iliacus: painted after the organs, which they bound.</summary>
internal static class Muscles
{
    public static void Add(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("muscles");
        var bulk = (float)r.Uniform(0.85, 1.15) * (c.Patient.Sex == Patients.Sex.Male ? 1.08f : 0.95f);
        foreach (var x in new[] { -1f, 1f })
        {
            m.Add("psoas", new Tube([V(26 * x, 50, 70), V(38 * x, 44, 0), V(50 * x, 40, -70), V(62 * x, 28, -140), V(74 * x, 10, -200), V(80 * x, -6, -255)],
                new[] { 5f, 13, 19, 21, 19, 15 }.Select(v => v * bulk).ToArray()), Tissue.Muscle);
            m.Add("quadratus lumborum", new Tube([V(55 * x, 86, 50), V(66 * x, 82, -20), V(70 * x, 78, -70)], [10 * bulk, 14 * bulk, 10 * bulk]), Tissue.Muscle);
            m.Add("erector spinae", new Tube([V(34 * x, 94, 340), V(36 * x, 94, 60), V(36 * x, 96, -100), V(26 * x, 100, -170)], [20 * bulk, 22 * bulk, 23 * bulk, 13 * bulk]), Tissue.Muscle);
            m.Add("iliacus", new Ellipsoid(V(88 * x, 28, -135), V(18, 38, 45) * bulk, Rotation.FromDegrees(0, 0, 30 * x)), Tissue.Muscle);
            m.Add("diaphragmatic crus", new Tube([V(18 * x, 30, 120), V(14 * x, 34, 60), V(8 * x, 40, 20)], [5, 5, 4]), Tissue.Muscle);
        }
    }
}
