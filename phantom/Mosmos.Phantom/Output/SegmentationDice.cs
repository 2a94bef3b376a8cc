using System.Globalization;
using Mosmos.Dicom;
using Mosmos.Dicom.Seg;

namespace Mosmos.Phantom.Output;

/// <summary>
/// Per-organ Dice of a SEG made for a phantom study (by the worker, stored or offline) against the phantom's ground
/// truth: the SEG is placed onto the study's own CT slices (<see cref="CtSeriesWriter"/>'s files) with
/// <see cref="Segmentation.ToLabelMap"/>, segments mapped to organs by their codes. The demo's Dice table and the
/// worker's orientation tests score with it.
/// </summary>
public static class SegmentationDice
{
    /// <summary>Dice per catalog organ id, for every organ in <paramref name="organIds"/>; NaN where neither truth nor SEG has a voxel.</summary>
    public static IReadOnlyDictionary<string, double> Compute(PhantomStudy study, string ctFolder, Segmentation seg, IEnumerable<string> organIds)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(seg);
        var predicted = OnTruthGrid(study, ctFolder, seg);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in organIds)
        {
            var label = (byte)OrganCatalog.Get(id).DefaultLabel;
            long a = 0, b = 0, both = 0;
            for (int i = 0; i < predicted.Length; i++)
            {
                bool p = predicted[i] == label, t = study.Labels[i] == label;
                if (p) a++;
                if (t) b++;
                if (p && t) both++;
            }
            result[id] = a + b == 0 ? double.NaN : 2.0 * both / (a + b);
        }
        return result;
    }

    /// <summary>The SEG as catalog labels on the phantom's grid (slice k = CT instance <see cref="CtSeriesWriter.InstanceNumber"/>).</summary>
    private static byte[] OnTruthGrid(PhantomStudy study, string ctFolder, Segmentation seg)
    {
        var g = study.Grid;
        var slices = new DicomDataset[g.Slices];
        for (int k = 0; k < g.Slices; k++)
        {
            var path = Path.Combine(ctFolder, string.Create(CultureInfo.InvariantCulture, $"CT{CtSeriesWriter.InstanceNumber(g, k):D4}.dcm"));
            slices[k] = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true }).Dataset;
        }
        var placed = seg.ToLabelMap(SourceSeriesBuilder.FromSlices(slices)).Labels.Voxels;
        var organOf = seg.Segments.ToDictionary(s => s.Number, s => (byte)(s.Organ?.DefaultLabel ?? 0));
        var labels = new byte[placed.Length];
        for (int i = 0; i < placed.Length; i++)
            labels[i] = placed[i] == 0 ? (byte)0 : organOf.GetValueOrDefault(placed[i]);
        return labels;
    }
}
