using System.Numerics;
using Mosmos.Phantom.Geometry;
using Mosmos.Phantom.Patients;
using static Mosmos.Phantom.Anatomy.AnatomyContext;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// Focal lesions: tissue inside the host organ's label (the organ keeps its label, as in AMOS). A lesion is
/// pulled towards the organ centre until it lies inside, so every lesion the report describes is in the image.
/// </summary>
internal static class Lesions
{
    public static IReadOnlyList<Lesion> Add(AnatomyContext c, AnatomyModel m)
    {
        var placed = new List<Lesion>();
        int n = 0;
        foreach (var lesion in c.Pathologies.Lesions)
        {
            var r = c.Rng($"lesion{n++}");
            if (!m.Organs.TryGetValue(lesion.Organ, out var host)) continue;
            var offset = new Vector3((float)lesion.Offset[0], (float)lesion.Offset[1], (float)lesion.Offset[2]);
            var radius = (float)lesion.RadiusMm;
            var center = host.Center + offset * host.Radii;
            for (int i = 0; i < 12 && host.Shape.Distance(center) > -radius * 0.6f; i++)
            {
                offset *= 0.7f;
                center = host.Center + offset * host.Radii;
            }
            if (host.Shape.Distance(center) > 0) continue;
            var tissue = lesion.Kind switch
            {
                LesionKind.Cyst => Tissue.Cyst,
                LesionKind.Hypoenhancing => Tissue.HypoenhancingLesion,
                _ => Tissue.HyperenhancingLesion,
            };
            var shape = lesion.Kind == LesionKind.Cyst
                ? new Ellipsoid(center, new Vector3(radius) * V(Vary(r, 0.08f), Vary(r, 0.08f), Vary(r, 0.08f)))
                : new Ellipsoid(center, new Vector3(radius)).Displace(Bumps(r, radius * 0.2f, radius * 2));
            m.Add($"{lesion.Organ} {lesion.Kind}", shape, tissue, label: null, within: AnatomyModel.Label(lesion.Organ));
            placed.Add(lesion with { Offset = [offset.X, offset.Y, offset.Z] });
        }
        return placed;
    }
}
