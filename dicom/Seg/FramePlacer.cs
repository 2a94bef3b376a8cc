namespace Mosmos.Dicom.Seg;

/// <summary>
/// Finds the source slice of a SEG frame: by (SOP Instance UID, frame number), else by position — the frame's
/// IPP projected on the source normal must match a slice within a fraction of the slice spacing and lie in its
/// plane (no in-plane shift beyond half a pixel), with the same orientation (1e-3, as dcmjs).
/// </summary>
internal sealed class FramePlacer
{
    private readonly Dictionary<(string Uid, int Frame), int> _byReference = [];
    private readonly SourceSeries _target;
    private readonly double[]? _segOrientation;
    private readonly double _tolerance;
    private double[]? _normal, _depths;

    public FramePlacer(SourceSeries target, double[]? segOrientation, double tolerance)
    {
        _target = target;
        _segOrientation = segOrientation;
        _tolerance = tolerance;
        for (int k = 0; k < target.Frames.Count; k++)
            _byReference.TryAdd((target.Frames[k].SopInstanceUid, target.Frames[k].FrameNumber ?? 1), k);
    }

    public int Place(SegFrameInfo frame, out bool byReference)
    {
        byReference = true;
        if (frame.ReferencedSopInstanceUid is { } uid && _byReference.TryGetValue((uid, frame.ReferencedFrameNumber ?? 1), out int k))
            return k;
        byReference = false;
        if (frame.ImagePositionPatient is not { } ipp)
            throw Unplaced(frame, "it references no source slice and has no Plane Position");
        return ByPosition(frame, ipp);
    }

    private int ByPosition(SegFrameInfo frame, double[] ipp)
    {
        var iop = _target.Orientation;
        if (_segOrientation is { } segIop && !Geometry.SameOrientation(segIop, iop, 1e-3))
            throw Unplaced(frame, "the SEG's orientation differs from the source's");
        _normal ??= Geometry.Normal(iop);
        _depths ??= Enumerable.Range(0, _target.Frames.Count).Select(k => Geometry.Dot(_normal, _target.PositionOf(k))).ToArray();
        double d = Geometry.Dot(_normal, ipp);
        int best = 0;
        for (int k = 1; k < _depths.Length; k++)
        {
            if (Math.Abs(_depths[k] - d) < Math.Abs(_depths[best] - d)) best = k;
        }
        double spacing = _target.SliceSpacing > 0 ? _target.SliceSpacing : 1;
        var offset = Geometry.Subtract(ipp, _target.PositionOf(best));
        var pixel = _target.Spacing;
        bool inPlane = Math.Abs(Geometry.Dot(offset, iop.AsSpan(0, 3))) <= pixel[1] / 2 && Math.Abs(Geometry.Dot(offset, iop.AsSpan(3, 3))) <= pixel[0] / 2;
        if (Math.Abs(_depths[best] - d) > _tolerance * spacing || !inPlane)
            throw Unplaced(frame, $"its position ({string.Join(", ", ipp)}) lies on no source slice");
        return best;
    }

    private static DicomFormatException Unplaced(SegFrameInfo frame, string why) =>
        new($"SEG frame {frame.Index + 1} cannot be placed on the source grid: {why}", -1, DicomTags.PlanePositionSequence);
}
