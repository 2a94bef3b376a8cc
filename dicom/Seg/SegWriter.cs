namespace Mosmos.Dicom.Seg;

/// <summary>
/// Encodes a DICOM Segmentation (PS3.3 A.51): from a label map BINARY by default, LABELMAP (Sup 243) on request
/// (<see cref="Encode"/>); from per-segment 8-bit maps FRACTIONAL (<see cref="EncodeFractional"/>,
/// <c>SegWriter.Fractional.cs</c>). For a label map one pass finds the frames that hold voxels
/// (<see cref="Occupancy"/>); the frames are then packed without per-voxel branching (<see cref="BitPacker"/>).
/// All three share the frame plan (<see cref="FramePlan"/>) and <see cref="Assemble"/>: header modules in
/// <c>SegWriter.Header.cs</c>, the Segment Sequence in <c>SegWriter.Segments.cs</c>, functional groups and
/// references in <c>SegWriter.Frames.cs</c>. Requirements and pitfalls: dicom-seg-sr.md §1.
/// </summary>
public static partial class SegWriter
{
    /// <summary>
    /// The SEG for <paramref name="labels"/> (on <paramref name="source"/>'s grid, slice k = source frame k), or
    /// null when no described segment has a voxel: a Segmentation needs at least one frame, and a segment with no
    /// voxel is left out rather than listed as something viewers cannot show.
    /// </summary>
    public static SegmentationResult? Encode(LabelMap labels, SourceSeries source, IReadOnlyList<SegmentDescription> segments, SegWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        Validate(labels, source, segments, options);

        var histogram = Occupancy.Histogram(labels);
        var encoded = new List<EncodedSegment>();
        var absent = new List<SegmentDescription>();
        foreach (var segment in segments)
        {
            long voxels = Occupancy.Total(histogram, labels.Slices, segment.LabelValue);
            if (voxels == 0)
            {
                absent.Add(segment);
                continue;
            }
            int frames = options.OmitEmptyFrames ? CountSlices(histogram, labels.Slices, segment.LabelValue) : labels.Slices;
            encoded.Add(new EncodedSegment(encoded.Count + 1, segment, TrackingUid(options, segment), voxels, frames));
        }
        if (encoded.Count == 0) return null;

        var plan = options.Type == SegmentationType.LabelMap
            ? FramePlan.ForLabelMap(histogram, labels.Slices, encoded, options.OmitEmptyFrames)
            : FramePlan.ForBinary(histogram, labels.Slices, encoded, options.OmitEmptyFrames);
        byte[] pixels = options.Type == SegmentationType.LabelMap
            ? LabelMapPixels(labels, plan, encoded)
            : BitPacker.Pack(labels, plan.Frames.Select(f => (f.Slice, f.Value)).ToArray());
        return Assemble(source, options, plan, encoded, absent, pixels);
    }

    /// <summary>The SEG data set around planned frames and their pixel data, for any <see cref="SegmentationType"/>.</summary>
    private static SegmentationResult Assemble(SourceSeries source, SegWriterOptions options, FramePlan plan,
        IReadOnlyList<EncodedSegment> encoded, IReadOnlyList<SegmentDescription> absent, byte[] pixels)
    {
        string sopClass = options.Type == SegmentationType.LabelMap ? SegmentationSopClass.LabelMapSegmentation : SegmentationSopClass.Segmentation;
        string prefix = UidPrefix(options.Type);
        string sopInstance = DicomUid.Derive(options.UidKey, prefix + "-instance");
        string series = DicomUid.Derive(options.UidKey, prefix + "-series");

        var ds = new DicomDataset();
        AddHeader(ds, source, options, sopClass, sopInstance, series);
        AddImagePixel(ds, source, options.Type, plan.Frames.Count);
        AddSegments(ds, encoded, options);
        AddFunctionalGroups(ds, source, plan, options);
        AddReferences(ds, source, plan);
        ds.SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        return new SegmentationResult(ds, sopClass, sopInstance, series, plan.Frames.Count, encoded, absent);
    }

    /// <summary>What every UID of a SEG derives from besides the key, one per type, so that a BINARY, a LABELMAP
    /// and a FRACTIONAL SEG made with the same <see cref="SegWriterOptions.UidKey"/> never share a UID.</summary>
    private static string UidPrefix(SegmentationType type) => type switch
    {
        SegmentationType.LabelMap => "seg-labelmap",
        SegmentationType.Fractional => "seg-fractional",
        _ => "seg",
    };

    /// <summary>BINARY and LABELMAP share tracking UIDs (same organ, same label map); FRACTIONAL maps get their own.</summary>
    private static string TrackingUid(SegWriterOptions options, SegmentDescription segment)
    {
        string prefix = options.Type == SegmentationType.Fractional ? "seg-fractional-tracking/" : "tracking/";
        return DicomUid.Derive(options.UidKey, prefix + (segment.TrackingId ?? segment.Label));
    }

    /// <summary>Refuses values not on the source grid (slice k = source frame k).</summary>
    private static void CheckGrid(string what, int columns, int rows, int slices, SourceSeries source, string paramName)
    {
        if (columns != source.Columns || rows != source.Rows || slices != source.Frames.Count)
        {
            throw new ArgumentException(
                $"{what} ({columns}×{rows}×{slices}) is not on the source grid " +
                $"({source.Columns}×{source.Rows}×{source.Frames.Count}): resample it to the source first", paramName);
        }
    }

    private static void Validate(LabelMap labels, SourceSeries source, IReadOnlyList<SegmentDescription> segments, SegWriterOptions options)
    {
        CheckGrid("the label map", labels.Columns, labels.Rows, labels.Slices, source, nameof(labels));
        if (options.Type == SegmentationType.Fractional)
            throw new ArgumentException("Encode writes BINARY or LABELMAP segmentations from a label map: use EncodeFractional for FRACTIONAL", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.UidKey);
        var seen = new HashSet<byte>();
        foreach (var s in segments)
        {
            if (s.LabelValue == 0) throw new ArgumentException($"segment '{s.Label}' uses the background value 0", nameof(segments));
            if (!seen.Add(s.LabelValue)) throw new ArgumentException($"label value {s.LabelValue} is described twice", nameof(segments));
        }
    }

    private static int CountSlices(int[] histogram, int slices, byte value)
    {
        int n = 0;
        for (int k = 0; k < slices; k++)
        {
            if (histogram[k * Occupancy.Values + value] > 0) n++;
        }
        return n;
    }

    /// <summary>LABELMAP frames: the kept planes with label values replaced by segment numbers (undescribed values → 0).</summary>
    private static byte[] LabelMapPixels(LabelMap labels, FramePlan plan, IReadOnlyList<EncodedSegment> segments)
    {
        var lut = new byte[Occupancy.Values];
        foreach (var s in segments) lut[s.Description.LabelValue] = checked((byte)s.SegmentNumber);
        int length = labels.SliceLength;
        var output = new byte[(long)length * plan.Frames.Count + ((long)length * plan.Frames.Count & 1)];
        Parallel.For(0, plan.Frames.Count, f =>
        {
            var src = labels.Slice(plan.Frames[f].Slice);
            var dst = output.AsSpan(f * length, length);
            for (int i = 0; i < dst.Length; i++) dst[i] = lut[src[i]];
        });
        return output;
    }
}
