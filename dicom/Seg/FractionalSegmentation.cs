namespace Mosmos.Dicom.Seg;

/// <summary>
/// Segment by segment, the frames of a FRACTIONAL SEG (PS3.3 C.8.20.2, 8-bit values 0..MaximumFractionalValue) on a
/// source grid: columns × rows × slices, slice k = source frame k, as for <see cref="LabelMap"/>. Only planes holding
/// a non-zero value are copied, so what this holds is about what <see cref="SegWriter.EncodeFractional"/> writes
/// when empty frames are omitted. Input is checked in full before anything is kept.
/// </summary>
public sealed class FractionalSegmentation
{
    private readonly List<FractionalSegment> _segments = [];
    private readonly HashSet<byte> _labelValues = [];

    public FractionalSegmentation(int columns, int rows, int slices, byte maximumFractionalValue = 255)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slices);
        // 0 cannot stand for 1.0: every non-zero value would exceed it.
        ArgumentOutOfRangeException.ThrowIfZero(maximumFractionalValue);
        if ((long)columns * rows * slices > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(slices), $"{columns}×{rows}×{slices} voxels exceed one array");
        Columns = columns;
        Rows = rows;
        Slices = slices;
        MaximumFractionalValue = maximumFractionalValue;
    }

    public int Columns { get; }

    public int Rows { get; }

    public int Slices { get; }

    /// <summary>The stored value that means 1.0 (Maximum Fractional Value (0062,000E)).</summary>
    public byte MaximumFractionalValue { get; }

    /// <summary>Segments added, absent ones included.</summary>
    public int Count => _segments.Count;

    /// <summary>Pixel Data bytes the kept planes will take when every empty frame is omitted.</summary>
    public long KeptBytes => _segments.Sum(s => (long)s.PlaneCount * Columns * Rows);

    internal IReadOnlyList<FractionalSegment> Segments => _segments;

    private int SliceLength => Columns * Rows;

    /// <summary>
    /// Adds <paramref name="segment"/> with its <paramref name="values"/>: slices × rows × columns bytes, index
    /// <c>(k · Rows + r) · Columns + c</c>. A segment with no non-zero value is kept as absent (listed in
    /// <see cref="SegmentationResult.AbsentSegments"/>, not written).
    /// </summary>
    public void Add(SegmentDescription segment, ReadOnlySpan<byte> values)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.LabelValue == 0) throw new ArgumentException($"segment '{segment.Label}' uses the background value 0", nameof(segment));
        if (_labelValues.Contains(segment.LabelValue)) throw new ArgumentException($"label value {segment.LabelValue} is described twice", nameof(segment));
        long length = (long)SliceLength * Slices;
        if (values.Length != length)
            throw new ArgumentException($"expected {Columns}×{Rows}×{Slices} = {length} values, got {values.Length}", nameof(values));
        if (MaximumFractionalValue < byte.MaxValue && values.IndexOfAnyInRange((byte)(MaximumFractionalValue + 1), byte.MaxValue) is var i and >= 0)
        {
            int k = i / SliceLength, r = i % SliceLength / Columns, c = i % Columns;
            throw new ArgumentException(
                $"segment '{segment.Label}': value {values[i]} at column {c}, row {r}, slice {k} exceeds MaximumFractionalValue {MaximumFractionalValue}", nameof(values));
        }

        var planes = new byte[]?[Slices];
        long nonZero = 0;
        int kept = 0;
        for (int k = 0; k < Slices; k++)
        {
            var plane = values.Slice(k * SliceLength, SliceLength);
            if (!plane.ContainsAnyExcept((byte)0)) continue;
            planes[k] = plane.ToArray();
            nonZero += plane.Length - plane.Count((byte)0);
            kept++;
        }
        _labelValues.Add(segment.LabelValue);
        _segments.Add(new FractionalSegment(segment, planes, nonZero, kept));
    }
}

/// <summary>One added segment: per slice its values, or null where the plane is all zero.</summary>
internal sealed record FractionalSegment(SegmentDescription Description, byte[]?[] Planes, long NonZeroVoxels, int PlaneCount);
