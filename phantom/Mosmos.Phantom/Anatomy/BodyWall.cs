using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Table, skin and subcutaneous fat, the muscular wall, the abdominal cavity (filled with visceral fat).</summary>
internal static class BodyWall
{
    public static void Add(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("body-wall");
        // Fat is given in body mm; anatomy is in standard mm, so divide by the width factor.
        var fat = (float)(c.Patient.SubcutaneousFatMm / c.Patient.ScaleX);
        var pannus = fat * (float)r.Uniform(0.1, 0.7);
        // The table lies under the patient: behind a supine patient, in front of a prone one.
        var back = (float)(StandardAnatomy.WallCenterY + StandardAnatomy.WallHalfDepth * 0.97) + fat;
        var front = (float)(StandardAnatomy.WallHalfDepth - StandardAnatomy.WallCenterY) + fat + pannus;
        var tableY = c.GravityY > 0 ? back + 8 : -front - 8;
        m.Add("table", new Block(V(0, tableY, 0), V(230, 6, 900)), Tissue.Table);
        m.Add("subcutaneous fat", new TrunkColumn(fat, pannus).Displace(Bumps(r, 3, 120)), Tissue.Fat);
        m.Add("abdominal wall muscles", c.Wall, Tissue.Muscle);
        m.Add("abdominal cavity", c.Cavity, Tissue.VisceralFat);
        if (c.Pathologies.Ascites)
        {
            // A rim of fluid along the peritoneum and a pool in the pelvis; organs painted later displace it.
            var rim = c.Cavity.Offset(-1).Subtract(c.Cavity.Offset(-(float)r.Uniform(10, 22)))
                .Intersect(c.BelowDiaphragm.Offset(-2)).Intersect(new Slab(-230, 140));
            m.Add("ascites", rim.Union(new Ellipsoid(V(0, -5, -185), V(75, 50, 45))), Tissue.Ascites);
        }
    }
}
