using Mosmos.Contracts;
using Mosmos.Dicom.Imaging;
using Mosmos.InferenceWorker.Model.SlidingWindow;
using Mosmos.Dicom.Imaging.Labels;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>The model half of the run: the card's grid and intensities in, labels back on the source grid out.</summary>
internal sealed partial class SegmentationPipeline
{
    /// <summary>
    /// Trilinear onto the card's spacing (x, y, z in mm) on the patient axes (LPS), which is how every MOSMOS model
    /// was trained (trainer/Data/Reorientation.cs): a feet-first, prone or reversed-order series reaches the model the
    /// same way up as a head-first supine one. Voxels beyond the field of view read as the window's lower bound.
    /// </summary>
    private Volume<float> ResampleToModel(Volume<float> volume, ModelCard card)
    {
        var s = card.SpacingMm;
        if (s is not { Length: 3 } || s.Any(v => !(v > 0)))
            throw SegmentationException.Rejected(FailureReason.ModelError, $"model {card.Name} {card.Version}: spacingMm must be three positive numbers");
        var grid = volume.Geometry.AlignedToPatient(new Vector3D(s[0], s[1], s[2]));
        return VolumeResampler.Linear(volume, grid, (float)card.Intensity.Lower, Options.MaxVoxels);
    }

    /// <summary>value = (clamp(value, Lower, Upper) − Mean) / Std, in place (ModelCard.IntensityNormalization).</summary>
    internal static bool Normalise(Span<float> voxels, IntensityNormalization intensity)
    {
        if (!(intensity.Std > 0) || !(intensity.Upper >= intensity.Lower))
            throw SegmentationException.Rejected(FailureReason.ModelError, "the model card's intensity window needs lower ≤ upper and std > 0");
        float lower = (float)intensity.Lower, upper = (float)intensity.Upper, mean = (float)intensity.Mean, scale = (float)(1 / intensity.Std);
        for (int i = 0; i < voxels.Length; i++)
            voxels[i] = (Math.Clamp(voxels[i], lower, upper) - mean) * scale;
        return true;
    }

    private async Task<(Volume<byte> Labels, AttentionMaps? Attention)> InferAsync(Volume<float> input, ModelCard card, CancellationToken cancellationToken)
    {
        var g = input.Geometry;
        var shape = new Extent3(g.SizeZ, g.SizeY, g.SizeX);
        var result = await inference.SegmentAsync(input.Data, shape, ModelFor(card, shape), cancellationToken).ConfigureAwait(false);
        return (new Volume<byte>(g, result.Labels), result.Attention);
    }

    /// <summary>Nearest neighbour onto exactly the source grid; class indices the card does not name become background.</summary>
    private Volume<byte> ResampleToSource(Volume<byte> labels, ImageGeometry model, ImageGeometry source, ModelCard card)
    {
        var lut = new byte[256];
        foreach (var value in card.Labels.Keys.Where(v => v is > 0 and < 256))
            lut[value] = (byte)value;
        var data = labels.Data;
        for (int i = 0; i < data.Length; i++)
            data[i] = lut[data[i]];
        return VolumeResampler.Nearest(new Volume<byte>(model, data), source, maxVoxels: Options.MaxVoxels);
    }

    /// <summary>The card's optional clean-up, organ by organ: largest connected component, then hole filling.</summary>
    private static bool PostProcess(Volume<byte> labels, ModelCard card)
    {
        var grid = new LabelGrid(labels.Data, labels.Geometry.SizeX, labels.Geometry.SizeY, labels.Geometry.SizeZ);
        foreach (var value in card.Labels.Keys.Where(v => v is > 0 and < 256).Order())
        {
            if (card.PostProcessing.LargestComponent)
                LargestComponent.Keep(grid, (byte)value);
            if (card.PostProcessing.FillHoles)
                HoleFilling.Fill(grid, (byte)value);
        }
        return true;
    }
}
