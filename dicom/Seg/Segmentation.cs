namespace Mosmos.Dicom.Seg;

/// <summary>A segment as read from a SEG, with the catalog organ its codes name (null when none matches).</summary>
public sealed record SegmentInfo(int Number, string Label, CodedConcept? Category, CodedConcept? Type, CodedConcept? TypeModifier)
{
    public string? AlgorithmType { get; init; }

    public string? AlgorithmName { get; init; }

    public IReadOnlyList<ushort>? CieLab { get; init; }

    public string? TrackingId { get; init; }

    public string? TrackingUid { get; init; }

    /// <summary>The catalog organ with the same type and laterality (<see cref="OrganCatalog.FindByCode"/>).</summary>
    public Organ? Organ { get; init; }
}

/// <summary>One stored frame: its segment (0 for LABELMAP), its source reference and its position.</summary>
public sealed record SegFrameInfo(int Index, int SegmentNumber, string? ReferencedSopInstanceUid, int? ReferencedFrameNumber, double[]? ImagePositionPatient);

/// <summary>
/// A Segmentation read by <see cref="SegReader"/>: header facts, segments and frames; pixels are decoded per
/// frame on demand (<c>Segmentation.Pixels.cs</c>) and placed on a source grid by <c>ToLabelMap</c>
/// (<c>Segmentation.LabelMap.cs</c>).
/// </summary>
public sealed partial class Segmentation
{
    private readonly ReadOnlyMemory<byte> _pixels;
    private readonly SegReadOptions _options;

    internal Segmentation(DicomDataset dataset, SegmentationType type, int rows, int columns, int bitsAllocated, int maximumFractionalValue,
        IReadOnlyList<SegmentInfo> segments, IReadOnlyList<SegFrameInfo> frames, ReadOnlyMemory<byte> pixels, SegReadOptions options)
    {
        Dataset = dataset;
        Type = type;
        Rows = rows;
        Columns = columns;
        BitsAllocated = bitsAllocated;
        MaximumFractionalValue = maximumFractionalValue;
        Segments = segments;
        Frames = frames;
        _pixels = pixels;
        _options = options;
    }

    public DicomDataset Dataset { get; }

    public SegmentationType Type { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int BitsAllocated { get; }

    /// <summary>FRACTIONAL only: the stored value that means 1.0.</summary>
    public int MaximumFractionalValue { get; }

    /// <summary>FRACTIONAL only: PROBABILITY or OCCUPANCY; null when absent or another value.</summary>
    public FractionalType? FractionalType { get; init; }

    public IReadOnlyList<SegmentInfo> Segments { get; }

    public IReadOnlyList<SegFrameInfo> Frames { get; }

    public string? SopInstanceUid => Dataset.GetString(DicomTags.SopInstanceUid);

    public string? FrameOfReferenceUid => Dataset.GetString(DicomTags.FrameOfReferenceUid);

    /// <summary>Shared (or first frame's) Image Orientation (Patient), when present.</summary>
    public double[]? ImageOrientationPatient { get; init; }

    public SegmentInfo? FindSegment(int number) => Segments.FirstOrDefault(s => s.Number == number);
}
