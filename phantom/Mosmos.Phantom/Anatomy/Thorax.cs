using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Lung bases and the heart above the diaphragm, with the diaphragm and mediastinum as soft tissue.</summary>
internal static class Thorax
{
    public static void Add(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("thorax");
        var aboveDome = c.Cavity.Intersect(new Slab((float)StandardAnatomy.DiaphragmTopZ - 110, 600)).Subtract(c.BelowDiaphragm);
        m.Add("diaphragm and mediastinum", aboveDome, Tissue.Muscle);
        var heart = new Ellipsoid(Jitter(r, V(18, -40, 222), 6), V(70, 58, 55) * Vary(r, 0.06), Rotation.FromDegrees(0, 25, -30));
        var mediastinum = new Ellipsoid(V(6, 28, 260), V(40, 70, 150));
        // The diaphragm is ~5 mm of muscle between the dome and the lung.
        var lungs = c.Cavity.Offset(-3).Intersect(new Slab((float)StandardAnatomy.DiaphragmTopZ - 110, 600)).Subtract(c.BelowDiaphragm.Offset(5)).Subtract(mediastinum.Union(heart.Offset(3)));
        m.Add("lung bases", lungs, Tissue.Lung);
        m.Add("heart wall", heart.Subtract(c.BelowDiaphragm.Offset(5)), Tissue.Myocardium);
        m.Add("heart chambers", heart.Offset(-9).Subtract(c.BelowDiaphragm.Offset(8)), Tissue.HeartBlood);
    }
}
