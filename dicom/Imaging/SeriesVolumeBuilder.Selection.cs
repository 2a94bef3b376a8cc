namespace Mosmos.Dicom.Imaging;

/// <summary>Slice selection (<c>dicom-seg-sr.md</c> §5.1): one series, one frame of reference, no localizers, one plane.</summary>
public sealed partial class SeriesVolumeBuilder
{
    /// <summary>Relative PixelSpacing difference that still counts as equal (DS text carries ~6 significant digits).</summary>
    private const double PixelSpacingTolerance = 1e-3;

    private (string Uid, List<DicomDataset> Instances) SelectSeries(List<DicomDataset> instances, List<DroppedSlice> dropped)
    {
        if (instances.Count == 0)
            throw new SeriesRejectedException(SeriesRejection.TooFewSlices, "no instances were given");
        var uid = _options.SeriesInstanceUid ?? Majority(instances, DicomTags.SeriesInstanceUid);
        var selected = new List<DicomDataset>(instances.Count);
        foreach (var instance in instances)
        {
            var own = instance.GetString(DicomTags.SeriesInstanceUid) ?? "";
            if (own == uid) selected.Add(instance);
            else dropped.Add(Drop(instance, $"belongs to series {own}"));
        }
        if (selected.Count == 0)
            throw new SeriesRejectedException(SeriesRejection.TooFewSlices, $"no instance of series {uid} among {instances.Count} given");
        return (uid, selected);
    }

    private string CheckModality(List<DicomDataset> series, string seriesUid)
    {
        var modalities = series.Select(i => i.GetString(DicomTags.Modality) ?? "").Distinct(StringComparer.Ordinal).ToList();
        foreach (var modality in modalities)
        {
            if (!_options.Modalities.Contains(modality))
            {
                throw new SeriesRejectedException(SeriesRejection.UnsupportedModality,
                    $"series {seriesUid} has modality '{modality}'; accepted: {string.Join(", ", _options.Modalities.Order(StringComparer.Ordinal))}");
            }
        }
        return modalities[0];
    }

    /// <summary>ImageType value 3 is LOCALIZER for scout views (PS3.3 C.8.2.1.1.1); any value saying so is enough.</summary>
    private static List<DicomDataset> DropLocalizers(List<DicomDataset> series, List<DroppedSlice> dropped)
    {
        var images = new List<DicomDataset>(series.Count);
        foreach (var instance in series)
        {
            if (instance.GetStrings(DicomTags.ImageType).Any(v => v.Equals("LOCALIZER", StringComparison.OrdinalIgnoreCase)))
                dropped.Add(Drop(instance, "localizer (ImageType LOCALIZER)"));
            else images.Add(instance);
        }
        return images;
    }

    private static (string Uid, List<DicomDataset> Instances) SelectFrameOfReference(List<DicomDataset> images, List<DroppedSlice> dropped)
    {
        if (images.Count == 0) return ("", images);
        var uid = Majority(images, DicomTags.FrameOfReferenceUid);
        var placed = new List<DicomDataset>(images.Count);
        foreach (var instance in images)
        {
            var own = instance.GetString(DicomTags.FrameOfReferenceUid) ?? "";
            if (own == uid) placed.Add(instance);
            else dropped.Add(Drop(instance, $"in another frame of reference ({(own.Length == 0 ? "none" : own)})"));
        }
        return (uid, placed);
    }

    /// <summary>All frames must share one plane: orientation, matrix size and pixel spacing.</summary>
    private void CheckOnePlane(List<FrameHeader> frames)
    {
        var first = frames[0];
        foreach (var f in frames)
        {
            if (Vector3D.MaxAbsDifference(f.RowDirection, first.RowDirection) > _options.OrientationTolerance
                || Vector3D.MaxAbsDifference(f.ColumnDirection, first.ColumnDirection) > _options.OrientationTolerance)
            {
                int same = frames.Count(g => Vector3D.MaxAbsDifference(g.RowDirection, first.RowDirection) <= _options.OrientationTolerance
                    && Vector3D.MaxAbsDifference(g.ColumnDirection, first.ColumnDirection) <= _options.OrientationTolerance);
                throw new SeriesRejectedException(SeriesRejection.MixedOrientation,
                    $"{same} of {frames.Count} slices have orientation {Cosines(first)} but instance " +
                    $"{f.SopInstanceUid} frame {f.FrameNumber} has {Cosines(f)} " +
                    $"(tolerance {_options.OrientationTolerance}); the series holds more than one image plane");
            }
            if (f.Format.Rows != first.Format.Rows || f.Format.Columns != first.Format.Columns)
            {
                throw new SeriesRejectedException(SeriesRejection.MixedOrientation,
                    $"the series mixes {first.Format.Columns}×{first.Format.Rows} images (instance {first.SopInstanceUid}) and " +
                    $"{f.Format.Columns}×{f.Format.Rows} images (instance {f.SopInstanceUid}); a volume needs one matrix size");
            }
            if (Math.Abs(f.RowSpacing - first.RowSpacing) > PixelSpacingTolerance * first.RowSpacing
                || Math.Abs(f.ColumnSpacing - first.ColumnSpacing) > PixelSpacingTolerance * first.ColumnSpacing)
            {
                throw new SeriesRejectedException(SeriesRejection.MixedOrientation, FormattableString.Invariant(
                    $"the series mixes PixelSpacing {first.RowSpacing}\\{first.ColumnSpacing} mm (instance {first.SopInstanceUid}) and ") +
                    FormattableString.Invariant($"{f.RowSpacing}\\{f.ColumnSpacing} mm (instance {f.SopInstanceUid}); a volume needs one pixel spacing"));
            }
        }
    }

    private static string Cosines(FrameHeader f) => string.Join('\\',
        new[] { f.RowDirection.X, f.RowDirection.Y, f.RowDirection.Z, f.ColumnDirection.X, f.ColumnDirection.Y, f.ColumnDirection.Z }
            .Select(v => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Majority(List<DicomDataset> instances, DicomTag tag) =>
        instances.GroupBy(i => i.GetString(tag) ?? "", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private static DroppedSlice Drop(DicomDataset instance, string reason) =>
        new(instance.GetString(DicomTags.SopInstanceUid) ?? "(no SOPInstanceUID)", 0, reason);
}
