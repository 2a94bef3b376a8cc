namespace Mosmos.Dicom.Seg;

/// <summary>A label map rebuilt from a SEG, and how many voxels two segments claimed.</summary>
public sealed record SegLabelMapResult(LabelMap Labels, long OverlapVoxels, int FramesByReference, int FramesByPosition);

public sealed partial class Segmentation
{
    /// <summary>
    /// Places every frame on <paramref name="target"/>'s grid: by the referenced source SOP Instance UID (and
    /// frame number for multi-frame sources), else by projecting the frame's Image Position (Patient) onto the
    /// source's slice normal (dicom-seg-sr.md §5). Frames that fit no slice, or a grid that differs, are errors.
    /// Overlapping segments follow <see cref="SegReadOptions.Overlap"/>.
    /// </summary>
    public SegLabelMapResult ToLabelMap(SourceSeries target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Rows != Rows || target.Columns != Columns)
            throw new DicomFormatException($"SEG frames are {Columns}×{Rows} but the source images are {target.Columns}×{target.Rows}", -1, DicomTags.Rows);
        var placer = new FramePlacer(target, ImageOrientationPatient, _options.PlaneTolerance);
        var labels = new LabelMap(Columns, Rows, target.Frames.Count);
        var lut = LabelLookup();
        var buffer = new byte[Rows * Columns];
        long overlap = 0;
        int byReference = 0, byPosition = 0;
        // Frames in segment order make "higher/lower segment wins" independent of the stored frame order.
        var order = Frames.OrderBy(f => _options.Overlap == SegOverlapPolicy.LowerSegmentWins ? -f.SegmentNumber : f.SegmentNumber).ThenBy(f => f.Index);
        foreach (var frame in order)
        {
            int slice = placer.Place(frame, out bool byRef);
            if (byRef) byReference++;
            else byPosition++;
            DecodeFrame(frame.Index, buffer);
            overlap += Type == SegmentationType.LabelMap
                ? Merge(buffer, labels.Slice(slice), lut)
                : MergeSegment(buffer, labels.Slice(slice), lut[frame.SegmentNumber]);
            if (overlap > 0 && _options.Overlap == SegOverlapPolicy.Throw)
                throw new DicomFormatException($"segments overlap in frame {frame.Index + 1} (SegReadOptions.Overlap is Throw)", -1, DicomTags.PixelData);
        }
        return new SegLabelMapResult(labels, overlap, byReference, byPosition);
    }

    /// <summary>Output value per segment number (0..65535): the configured value, else the number itself.</summary>
    private byte[] LabelLookup()
    {
        int max = Math.Max(Segments.Count == 0 ? 0 : Segments.Max(s => s.Number), Frames.Count == 0 ? 0 : Frames.Max(f => f.SegmentNumber));
        var lut = new byte[Math.Max(max, byte.MaxValue) + 1];
        for (int n = 1; n < lut.Length; n++)
        {
            if (_options.LabelValues is { } map) lut[n] = map.TryGetValue(n, out var v) ? v : (byte)0;
            else if (n <= byte.MaxValue) lut[n] = (byte)n;
            else if (n <= max) throw new DicomFormatException($"segment {n} does not fit a byte label map: set SegReadOptions.LabelValues", -1, DicomTags.SegmentNumber);
        }
        return lut;
    }

    private static long MergeSegment(ReadOnlySpan<byte> frame, Span<byte> slice, byte label)
    {
        if (label == 0) return 0;
        long overlap = 0;
        for (int i = 0; i < frame.Length; i++)
        {
            if (frame[i] == 0) continue;
            if (slice[i] != 0 && slice[i] != label) overlap++;
            slice[i] = label;
        }
        return overlap;
    }

    private static long Merge(ReadOnlySpan<byte> frame, Span<byte> slice, byte[] lut)
    {
        long overlap = 0;
        for (int i = 0; i < frame.Length; i++)
        {
            byte label = lut[frame[i]];
            if (label == 0) continue;
            if (slice[i] != 0 && slice[i] != label) overlap++;
            slice[i] = label;
        }
        return overlap;
    }
}
