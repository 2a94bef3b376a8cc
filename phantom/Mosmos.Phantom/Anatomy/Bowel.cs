using System.Numerics;
using Mosmos.Phantom.Geometry;
using Mosmos.Phantom.Randomness;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Colon framing the abdomen (with stool and gas) and loops of small bowel filling the mid and lower abdomen.
/// Unlabelled: organs painted later push them aside.
/// </summary>
internal static class Bowel
{
    public static void Add(AnatomyContext c, AnatomyModel m)
    {
        var r = c.Rng("bowel");
        var colon = new[]
        {
            V(0, 55, -250), V(0, 62, -200), V(20, 40, -160), V(55, -10, -150), V(85, 0, -130), V(100, 15, -90),
            V(105, 18, -20), V(100, 15, 40), V(90, -5, 75), V(60, -55, 45), V(20, -78, 20), V(-25, -78, 18),
            V(-65, -60, 35), V(-92, -25, 28), V(-102, -10, -20), V(-98, -5, -80), V(-85, -15, -125),
        };
        var radii = new float[] { 16, 17, 15, 15, 16, 17, 17, 18, 20, 22, 22, 22, 22, 22, 24, 25, 28 };
        for (int i = 0; i < colon.Length; i++)
        {
            colon[i] = Jitter(r, colon[i], 5);
            radii[i] *= Vary(r, 0.1f);
        }
        var tube = new Tube(colon, radii, 4).Intersect(c.Cavity.Offset(-2));
        m.Add("colon", tube, Tissue.BowelWall);
        var lumen = tube.Offset(-3);
        m.Add("stool", lumen, Tissue.Feces);
        var level = c.GravityY > 0 ? (float)r.Uniform(-20, 0) : (float)r.Uniform(10, 40);
        m.Add("colonic gas", lumen.Intersect(new AboveLevel(level, c.GravityY)), Tissue.Gas);

        int loops = r.Next(4, 8);
        for (int i = 0; i < loops; i++)
        {
            var loop = SmallBowelLoop(r.Fork($"loop{i}"), out var radius);
            var shape = new Tube(loop, Enumerable.Repeat(radius, loop.Length).ToArray(), 4).Intersect(c.Cavity.Offset(-3));
            m.Add("small bowel", shape, Tissue.BowelWall);
            m.Add("small bowel contents", shape.Offset(-2.5f), Tissue.BowelFluid);
            if (r.Chance(0.4))
                m.Add("small bowel gas", shape.Offset(-2.5f).Intersect(new AboveLevel(c.GravityY > 0 ? -50 : 0, c.GravityY)), Tissue.Gas);
        }
    }

    /// <summary>A random walk with momentum inside the small-bowel box (mm), reflected at its walls.</summary>
    private static Vector3[] SmallBowelLoop(Xoshiro256 r, out float radius)
    {
        var min = V(-75, -85, -165);
        var max = V(75, 5, -15);
        var p = new Vector3((float)r.Uniform(min.X, max.X), (float)r.Uniform(min.Y, max.Y), (float)r.Uniform(min.Z, max.Z));
        var dir = Vector3.Normalize(new Vector3((float)r.Normal(), (float)r.Normal(), (float)r.Normal()));
        var points = new Vector3[r.Next(6, 10)];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = p;
            dir = Vector3.Normalize(dir + 0.9f * new Vector3((float)r.Normal(), (float)r.Normal(), (float)r.Normal()));
            p += dir * 32;
            if (p.X < min.X || p.X > max.X) { dir.X = -dir.X; p.X = Math.Clamp(p.X, min.X, max.X); }
            if (p.Y < min.Y || p.Y > max.Y) { dir.Y = -dir.Y; p.Y = Math.Clamp(p.Y, min.Y, max.Y); }
            if (p.Z < min.Z || p.Z > max.Z) { dir.Z = -dir.Z; p.Z = Math.Clamp(p.Z, min.Z, max.Z); }
        }
        radius = (float)r.Uniform(10, 14);
        return points;
    }
}
