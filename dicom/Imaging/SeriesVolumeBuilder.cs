namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Builds a volume from the instances of one CT or MR series (<c>dicom-seg-sr.md</c> §5): selects the slices,
/// orders them along the slice normal, checks the geometry, then decodes pixels into one buffer.
/// <para>Two steps so that pixels can be streamed: <see cref="Plan"/> reads headers only and returns a
/// <see cref="SeriesLayout"/>; the caller then fills the volume frame by frame with
/// <see cref="SeriesLayout.DecodeFrame{T}"/> (for example straight from WADO-RS frames) or in one call with
/// <see cref="SeriesLayout.Build{T}"/>. Every refusal is a <see cref="SeriesRejectedException"/>.</para>
/// </summary>
public sealed partial class SeriesVolumeBuilder
{
    private readonly SeriesVolumeOptions _options;

    public SeriesVolumeBuilder(SeriesVolumeOptions? options = null)
    {
        _options = options ?? SeriesVolumeOptions.Default;
        ArgumentNullException.ThrowIfNull(_options.Modalities, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MinSlices, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.SpacingTolerance, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.OrientationTolerance, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.TiltTolerance, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.DuplicateDistance, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxVoxels, nameof(options));
    }

    public SeriesVolumeOptions Options => _options;

    /// <summary>Selects, orders and checks the slices of a series from its instances' headers (no pixel data needed).</summary>
    public SeriesLayout Plan(IEnumerable<DicomDataset> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        try
        {
            return PlanCore(instances.ToList());
        }
        catch (Exception e) when (e is DicomFormatException or OverflowException)
        {
            throw new SeriesRejectedException(SeriesRejection.Undecodable, $"a header value is malformed: {e.Message}", e);
        }
    }

    /// <summary>Plans and builds in one call; <paramref name="readFrame"/> returns the native frame bytes of a slice.</summary>
    public SeriesVolume<T> Build<T>(IEnumerable<DicomDataset> instances, Func<SliceSource, ReadOnlyMemory<byte>> readFrame)
        where T : unmanaged, System.Numerics.INumberBase<T> =>
        Plan(instances).Build<T>(readFrame);

    private SeriesLayout PlanCore(List<DicomDataset> instances)
    {
        var dropped = new List<DroppedSlice>();
        var (seriesUid, series) = SelectSeries(instances, dropped);
        var modality = CheckModality(series, seriesUid);
        var images = DropLocalizers(series, dropped);
        var (frameOfReference, placed) = SelectFrameOfReference(images, dropped);

        var frames = placed.SelectMany(FrameHeader.Read).ToList();
        if (frames.Count == 0)
        {
            throw new SeriesRejectedException(SeriesRejection.TooFewSlices,
                $"series {seriesUid} has no image slices left ({Describe(dropped)})");
        }
        CheckOnePlane(frames);
        var stack = SliceStack.Arrange(frames, _options, dropped);

        long voxels = (long)stack.Geometry.SizeX * stack.Geometry.SizeY * stack.Geometry.SizeZ;
        if (voxels > _options.MaxVoxels || voxels > Array.MaxLength)
        {
            throw new SeriesRejectedException(SeriesRejection.Undecodable,
                $"the volume would be {stack.Geometry.SizeX}×{stack.Geometry.SizeY}×{stack.Geometry.SizeZ} = {voxels} voxels, " +
                $"over the limit of {Math.Min(_options.MaxVoxels, Array.MaxLength)} (SeriesVolumeOptions.MaxVoxels)");
        }
        return new SeriesLayout(stack, seriesUid, frameOfReference, modality, dropped, _options);
    }

    internal static string Describe(IReadOnlyCollection<DroppedSlice> dropped) =>
        dropped.Count == 0
            ? "none dropped"
            : "dropped: " + string.Join("; ", dropped.GroupBy(d => d.Reason).Select(g => $"{g.Count()} × {g.Key}"));
}
