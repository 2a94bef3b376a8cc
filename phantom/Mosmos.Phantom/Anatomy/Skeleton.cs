using System.Numerics;
using Mosmos.Phantom.Geometry;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Vertebrae (T6 to L5 with discs, arches, spinous and transverse processes), the lower ribs curving round the
/// trunk inside the wall, sacrum, iliac wings, acetabula, femoral heads and pubic rami. Bone has a cortical shell
/// around cancellous marrow.
/// </summary>
internal static class Skeleton
{
    private const float SpineY = StandardAnatomy.VertebralBodyY;

    public static void Add(AnatomyContext c, AnatomyModel m)
    {
        m.Add("spinal canal", new Tube([V(0, 88, 400), V(0, 88, -120), V(0, 95, -170)], [10, 9, 6]), Tissue.Csf);
        for (int level = -3; level <= 8; level++)
            AddVertebra(m, level);
        var r = c.Rng("ribs");
        // Ribs 6..12 leave the spine at T6..T12; the lower ones are shorter (11 and 12 float).
        for (int rib = 6; rib <= 12; rib++)
        {
            var z = StandardAnatomy.LevelZ(14 - rib);
            var sweep = rib switch { 12 => 1.25f, 11 => 1.75f, 10 => 2.35f, _ => 2.7f };
            foreach (var side in new[] { -1f, 1f })
                Bone(m, "rib", Rib(c, z + (float)r.Normal(0, 2), sweep, side), 1.8f);
        }
        AddPelvis(m);
    }

    private static void AddVertebra(AnatomyModel m, int level)
    {
        var z = StandardAnatomy.LevelZ(level);
        var lumbar = level <= 1;
        var half = lumbar ? V(23, 17, 12) : V(18, 15, 11);
        m.Add("intervertebral disc", new Ellipsoid(V(0, SpineY, z + StandardAnatomy.LevelSpacing / 2), V(half.X - 1, half.Y - 1, 5)), Tissue.Disc);
        Bone(m, "vertebral body", new SuperEllipsoid(V(0, SpineY, z), half, 3, Rotation.Identity), 2.5f);
        // The arch: pedicles, laminae and the spinous process around the canal.
        var y0 = SpineY + half.Y - 3;
        Bone(m, "vertebral arch", new Tube([V(-12, y0, z), V(-15, 88, z), V(-9, 101, z), V(0, 105, z), V(9, 101, z), V(15, 88, z), V(12, y0, z)], [4.5f, 4, 4, 4, 4, 4, 4.5f], 3), 1.5f);
        Bone(m, "spinous process", new Tube([V(0, 104, z), V(0, 126, z - 10)], [5, 4]), 1.5f);
        if (lumbar)
        {
            foreach (var x in new[] { -1f, 1f })
                Bone(m, "transverse process", new Tube([V(14 * x, 82, z), V(46 * x, 84, z + 2)], [5, 3.5f]), 1.5f);
        }
    }

    /// <summary>A rib: from the costovertebral joint around the trunk just inside the wall, dropping as it goes forward.</summary>
    private static Tube Rib(AnatomyContext c, float z0, float sweep, float side)
    {
        var points = new List<Vector3> { V(22 * side, 76, z0) };
        for (float t = 0.45f; t <= sweep + 1e-3f; t += 0.3f)
        {
            var z = z0 + 4 - 95 * MathF.Pow(t / MathF.PI, 1.3f);
            var (a, b) = c.Wall.HalfAxes(z);
            points.Add(V(side * (a - 7) * MathF.Sin(t), (float)StandardAnatomy.WallCenterY + (b * 0.97f - 7) * MathF.Cos(t), z));
        }
        return new Tube(points, Enumerable.Repeat(5f, points.Count).ToArray(), 4);
    }

    private static void AddPelvis(AnatomyModel m)
    {
        Bone(m, "sacrum", new Ellipsoid(V(0, 90, -150), V(46, 17, 55), Rotation.FromDegrees(-30, 0, 0)), 2);
        foreach (var x in new[] { -1f, 1f })
        {
            Bone(m, "iliac wing", new SuperEllipsoid(V(100 * x, 50, -125), V(9, 55, 48), 2.5f, Rotation.FromDegrees(15, 0, 38 * x)), 2);
            Bone(m, "femoral head", new Ellipsoid(V(88 * x, 6, -248), V(24, 24, 24)), 2.5f);
            Bone(m, "femoral neck", new Tube([V(88 * x, 6, -248), V(122 * x, 12, -280)], [16, 17]), 2.5f);
            Bone(m, "acetabulum", new Tube([V(70 * x, 35, -195), V(84 * x, 8, -228), V(88 * x, 30, -260)], [14, 16, 14]), 2);
            Bone(m, "pubic ramus", new Tube([V(82 * x, -4, -240), V(45 * x, -40, -247), V(7 * x, -58, -250)], [10, 9, 9]), 2);
        }
    }

    private static void Bone(AnatomyModel m, string name, Shape shape, float cortexMm)
    {
        m.Add(name, shape, Tissue.CorticalBone);
        m.Add(name + " marrow", shape.Offset(-cortexMm), Tissue.CancellousBone);
    }
}
