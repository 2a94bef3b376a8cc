namespace Mosmos.Dicom.Seg;

/// <summary>What to do where segments of a BINARY or FRACTIONAL SEG claim the same voxel.</summary>
public enum SegOverlapPolicy
{
    /// <summary>The segment with the higher number keeps the voxel (frames are applied in segment order).</summary>
    HigherSegmentWins,

    /// <summary>The segment with the lower number keeps the voxel.</summary>
    LowerSegmentWins,

    /// <summary>Overlap is an error (<see cref="DicomFormatException"/>).</summary>
    Throw,
}

/// <summary>How <see cref="SegReader"/> reads segmentations made by other tools.</summary>
public sealed record SegReadOptions
{
    public static readonly SegReadOptions Default = new();

    /// <summary>FRACTIONAL: a voxel belongs to the segment when value ≥ threshold · MaximumFractionalValue (and &gt; 0).</summary>
    public double FractionalThreshold { get; init; } = 0.5;

    /// <summary>
    /// Tolerance for a SEG without NumberOfFrames (Type 1): take the frame count from the Pixel Data length and
    /// ignore per-frame items beyond it. Off by default: such a file is invalid (pydicom's liver_1frame.dcm).
    /// </summary>
    public bool InferMissingNumberOfFrames { get; init; }

    public SegOverlapPolicy Overlap { get; init; } = SegOverlapPolicy.HigherSegmentWins;

    /// <summary>A frame placed by position must lie within this fraction of the slice spacing of a source plane.</summary>
    public double PlaneTolerance { get; init; } = 0.25;

    /// <summary>Output label value per segment number; segment number itself when null (0 leaves a segment out).</summary>
    public IReadOnlyDictionary<int, byte>? LabelValues { get; init; }
}
