namespace Mosmos.Dicom.Seg;

/// <summary>One encoded frame: the source slice, the segment number (0 for LABELMAP) and the segment's label value.</summary>
internal readonly record struct PlannedFrame(int Slice, int SegmentNumber, byte Value);

/// <summary>
/// The frames of a SEG in order (segment 1's planes in source order, then segment 2 …, as highdicom and dcmqi
/// write them) and each kept plane's 1-based rank: planes empty for every segment are removed before numbering
/// (dicom-seg-sr.md §1.5).
/// </summary>
internal sealed class FramePlan(IReadOnlyList<PlannedFrame> frames, int[] planeIndex)
{
    public IReadOnlyList<PlannedFrame> Frames { get; } = frames;

    /// <summary>Per source slice: its rank among the kept planes (1-based), or 0 when no frame uses it.</summary>
    public int[] PlaneIndex { get; } = planeIndex;

    public static FramePlan ForBinary(int[] histogram, int slices, IReadOnlyList<EncodedSegment> segments, bool omitEmpty) =>
        PerSegment(slices, segments, omitEmpty, (s, k) => histogram[k * Occupancy.Values + s.Description.LabelValue] > 0);

    /// <summary>
    /// One frame per (segment, plane), segment by segment, planes in source order (BINARY and FRACTIONAL);
    /// <paramref name="holds"/> tells whether a segment has a voxel on slice k.
    /// </summary>
    public static FramePlan PerSegment(int slices, IReadOnlyList<EncodedSegment> segments, bool omitEmpty, Func<EncodedSegment, int, bool> holds)
    {
        var frames = new List<PlannedFrame>();
        var used = new bool[slices];
        foreach (var s in segments)
        {
            for (int k = 0; k < slices; k++)
            {
                if (omitEmpty && !holds(s, k)) continue;
                frames.Add(new PlannedFrame(k, s.SegmentNumber, s.Description.LabelValue));
                used[k] = true;
            }
        }
        return new FramePlan(frames, Rank(used));
    }

    public static FramePlan ForLabelMap(int[] histogram, int slices, IReadOnlyList<EncodedSegment> segments, bool omitEmpty)
    {
        var frames = new List<PlannedFrame>();
        var used = new bool[slices];
        for (int k = 0; k < slices; k++)
        {
            if (omitEmpty && !segments.Any(s => histogram[k * Occupancy.Values + s.Description.LabelValue] > 0)) continue;
            frames.Add(new PlannedFrame(k, 0, 0));
            used[k] = true;
        }
        return new FramePlan(frames, Rank(used));
    }

    private static int[] Rank(bool[] used)
    {
        var rank = new int[used.Length];
        int next = 0;
        for (int k = 0; k < used.Length; k++)
        {
            if (used[k]) rank[k] = ++next;
        }
        return rank;
    }
}
