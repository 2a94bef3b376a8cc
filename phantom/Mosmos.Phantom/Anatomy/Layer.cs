using Mosmos.Phantom.Geometry;

namespace Mosmos.Phantom.Anatomy;

/// <summary>
/// One solid painted into the volume. Layers are painted in order, later ones over earlier ones, which is
/// how contacts arise: the kidney painted after the liver carves its impression into it.
/// </summary>
/// <param name="Name">For diagnostics and the README's list.</param>
/// <param name="Label">Organ label value to write; 0 writes background; null keeps the label already there.</param>
/// <param name="Within">When set, paints only voxels that already carry this label (lesions, organ contents).</param>
public sealed record Layer(string Name, Shape Shape, Tissue Tissue, byte? Label = 0, byte? Within = null);
