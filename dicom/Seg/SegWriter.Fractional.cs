namespace Mosmos.Dicom.Seg;

public static partial class SegWriter
{
    /// <summary>
    /// The FRACTIONAL SEG (PS3.3 C.8.20.2: 8-bit frames, Segmentation Fractional Type, Maximum Fractional Value) for
    /// <paramref name="maps"/> on <paramref name="source"/>'s grid, or null when no segment has a non-zero voxel.
    /// Frames as for BINARY: one per (segment, plane), segment by segment, planes in source order, all-zero planes
    /// omitted when <see cref="SegWriterOptions.OmitEmptyFrames"/>; Segment Identification per frame, dimensions
    /// (segment, position). <paramref name="options"/> must say <see cref="SegmentationType.Fractional"/>.
    /// </summary>
    public static SegmentationResult? EncodeFractional(FractionalSegmentation maps, SourceSeries source, SegWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        CheckGrid("the fractional segmentation", maps.Columns, maps.Rows, maps.Slices, source, nameof(maps));
        if (options.Type != SegmentationType.Fractional)
            throw new ArgumentException($"EncodeFractional writes FRACTIONAL segmentations, but SegWriterOptions.Type is {options.Type}: set it to Fractional", nameof(options));
        if (!Enum.IsDefined(options.FractionalType))
            throw new ArgumentException($"FractionalType {(int)options.FractionalType} is neither Probability nor Occupancy", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.UidKey);

        var encoded = new List<EncodedSegment>();
        var present = new List<FractionalSegment>();
        var absent = new List<SegmentDescription>();
        foreach (var segment in maps.Segments)
        {
            if (segment.NonZeroVoxels == 0)
            {
                absent.Add(segment.Description);
                continue;
            }
            int frames = options.OmitEmptyFrames ? segment.PlaneCount : maps.Slices;
            encoded.Add(new EncodedSegment(encoded.Count + 1, segment.Description, TrackingUid(options, segment.Description), segment.NonZeroVoxels, frames));
            present.Add(segment);
        }
        if (encoded.Count == 0) return null;

        var plan = FramePlan.PerSegment(maps.Slices, encoded, options.OmitEmptyFrames, (s, k) => present[s.SegmentNumber - 1].Planes[k] is not null);
        var result = Assemble(source, options, plan, encoded, absent, FractionalPixels(maps, plan, present));
        // Segmentation Image attributes of FRACTIONAL only. Overlap: probabilities of several segments may all be
        // non-zero on one voxel, and whether that is "overlap" is not defined; highdicom writes UNDEFINED too.
        result.Dataset
            .SetString(DicomTags.SegmentationFractionalType, DicomVR.CS, options.FractionalType == FractionalType.Occupancy ? "OCCUPANCY" : "PROBABILITY")
            .SetUInt16(DicomTags.MaximumFractionalValue, maps.MaximumFractionalValue)
            .SetString(DicomTags.SegmentsOverlap, DicomVR.CS, encoded.Count == 1 ? "NO" : "UNDEFINED");
        return result;
    }

    /// <summary>The planned frames one byte a pixel, back to back, padded to even length (PS3.5 §8.1.1); a frame
    /// of a plane the segment does not hold (all frames written) stays zero.</summary>
    private static byte[] FractionalPixels(FractionalSegmentation maps, FramePlan plan, List<FractionalSegment> segments)
    {
        int length = maps.Columns * maps.Rows;
        long bytes = (long)length * plan.Frames.Count;
        bytes += bytes & 1;
        if (bytes > Array.MaxLength)
            throw new InvalidOperationException($"{plan.Frames.Count} frames of {length} bytes exceed one Pixel Data value");
        var output = new byte[bytes];
        for (int f = 0; f < plan.Frames.Count; f++)
        {
            var frame = plan.Frames[f];
            segments[frame.SegmentNumber - 1].Planes[frame.Slice]?.CopyTo(output, (long)f * length);
        }
        return output;
    }
}
