using System.Numerics;
using Mosmos.Dicom;
using Mosmos.Phantom.Geometry;

namespace Mosmos.Phantom.Anatomy;

/// <summary>Where an organ was placed: its solid and the centre and radii that lesions are positioned by.</summary>
public sealed record OrganPlacement(string Id, Shape Shape, Vector3 Center, Vector3 Radii);

/// <summary>The structures of one patient in paint order, with the organs that were drawn.</summary>
public sealed class AnatomyModel
{
    private readonly List<Layer> _structures = [];
    private readonly Dictionary<string, OrganPlacement> _organs = new(StringComparer.Ordinal);

    public IReadOnlyList<Layer> Layers => _structures;

    /// <summary>Catalog organs that exist in this patient (removed and other-sex organs are missing).</summary>
    public IReadOnlyDictionary<string, OrganPlacement> Organs => _organs;

    public void Add(Layer structure) => _structures.Add(structure);

    public void Add(string name, Shape shape, Tissue tissue, byte? label = 0, byte? within = null) =>
        _structures.Add(new Layer(name, shape, tissue, label, within));

    /// <summary>Adds a catalog organ with its own label value.</summary>
    public void AddOrgan(string id, Shape shape, Tissue tissue, Vector3 center, Vector3 radii)
    {
        _structures.Add(new Layer(id, shape, tissue, Label(id)));
        _organs[id] = new OrganPlacement(id, shape, center, radii);
    }

    public static byte Label(string organ) => checked((byte)OrganCatalog.Get(organ).DefaultLabel);
}
