using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Seg;

namespace Mosmos.Trainer.Harvest;

/// <summary>A SEG found in a study, read once, with the series it says it segments.</summary>
/// <param name="ReferencedSeries">SeriesInstanceUIDs of its Common Instance Reference (PS3.3 C.12.2, ReferencedSeriesSequence).</param>
/// <param name="SortKey">ContentDate + ContentTime: the newest SEG of a series is tried first.</param>
public sealed record SegCandidate(string SopInstanceUid, string SeriesInstanceUid, IReadOnlyList<string> ReferencedSeries,
    Segmentation Segmentation, string SortKey);

/// <summary>Labels from a SEG onto a CT series' grid, in the dataset's label values (the organ catalog's).</summary>
public static class SegLabels
{
    /// <summary>What the inference worker writes (SegWriterOptions defaults): MOSMOS's own predictions are never training labels.</summary>
    private const string OwnManufacturer = "MOSMOS";
    private const string OwnModel = "MOSMOS organ segmentation";

    /// <summary>The series a SEG references through its Common Instance Reference module.</summary>
    public static IReadOnlyList<string> ReferencedSeries(DicomDataset seg)
    {
        ArgumentNullException.ThrowIfNull(seg);
        return [.. seg.GetSequence(DicomTags.ReferencedSeriesSequence)
            .Select(s => s.GetString(DicomTags.SeriesInstanceUid)).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public static bool IsOwnOutput(DicomDataset seg)
    {
        ArgumentNullException.ThrowIfNull(seg);
        return seg.GetString(DicomTags.Manufacturer) == OwnManufacturer && seg.GetString(DicomTags.ManufacturerModelName) == OwnModel;
    }

    /// <summary>
    /// Reads a SEG instance; segments are matched to catalog organs by their SNOMED CT type and laterality codes
    /// (<see cref="SegReader"/>). <see cref="DicomFormatException"/> when it is not a readable segmentation.
    /// </summary>
    public static SegCandidate Read(DicomDataset seg)
    {
        ArgumentNullException.ThrowIfNull(seg);
        var segmentation = SegReader.Read(seg);
        return new SegCandidate(
            seg.GetString(DicomTags.SopInstanceUid) ?? string.Empty,
            seg.GetString(DicomTags.SeriesInstanceUid) ?? string.Empty,
            ReferencedSeries(seg),
            segmentation,
            (seg.GetString(DicomTags.ContentDate) ?? "") + (seg.GetString(DicomTags.ContentTime) ?? ""));
    }

    /// <summary>
    /// The label map on <paramref name="layout"/>'s grid (x fastest, slice z = layout slice z), each segment written
    /// with its organ's default label; segments naming no catalog organ are left out and listed in <paramref name="leftOut"/>.
    /// </summary>
    /// <exception cref="DicomFormatException">The SEG does not fit the series (frame size, a frame on no slice, …).</exception>
    /// <exception cref="InvalidDataException">No segment names a catalog organ.</exception>
    public static byte[] OnGrid(SegCandidate seg, SeriesLayout layout, out IReadOnlyList<string> leftOut)
    {
        ArgumentNullException.ThrowIfNull(seg);
        ArgumentNullException.ThrowIfNull(layout);
        var values = new Dictionary<int, byte>();
        var unknown = new List<string>();
        foreach (var s in seg.Segmentation.Segments)
        {
            if (s.Organ is { } organ) values[s.Number] = (byte)organ.DefaultLabel;
            else unknown.Add($"segment {s.Number} '{s.Label}' ({s.Type?.ToString() ?? "no type code"})");
        }
        leftOut = unknown;
        if (values.Count == 0)
            throw new InvalidDataException($"none of its {seg.Segmentation.Segments.Count} segments names an organ of the catalog ({string.Join("; ", unknown)})");
        var relabelled = SegReader.Read(seg.Segmentation.Dataset, new SegReadOptions { LabelValues = values });
        var map = relabelled.ToLabelMap(SourceOf(layout)).Labels;
        return map.Voxels;
    }

    /// <summary>The SEG reader's view of the series, slice z = layout slice z (single-frame slices or one Enhanced image).</summary>
    private static SourceSeries SourceOf(SeriesLayout layout)
    {
        if (!layout.Slices.Any(s => s.IsMultiFrame))
            return SourceSeriesBuilder.FromSlices([.. layout.Slices.Select(s => s.Instance)]);
        if (layout.Instances.Count == 1)
            return SourceSeriesBuilder.FromEnhanced(layout.Instances[0].Instance, [.. layout.Slices.Select(s => s.FrameNumber)]);
        throw new DicomFormatException($"series {layout.SeriesInstanceUid} spreads its slices over {layout.Instances.Count} multi-frame instances; a SEG is read against one");
    }
}
