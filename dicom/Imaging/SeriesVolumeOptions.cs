namespace Mosmos.Dicom.Imaging;

/// <summary>What <see cref="SeriesVolumeBuilder"/> accepts. Defaults follow <c>dicom-seg-sr.md</c> §5 and highdicom.</summary>
public sealed record SeriesVolumeOptions
{
    public static readonly SeriesVolumeOptions Default = new();

    /// <summary>Accepted Modality (0008,0060) values.</summary>
    public IReadOnlySet<string> Modalities { get; init; } = new HashSet<string>(["CT", "MR"], StringComparer.Ordinal);

    /// <summary>The series to take when the instances hold several; null takes the one with the most instances.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Fewest slices that make a volume.</summary>
    public int MinSlices { get; init; } = 3;

    /// <summary>Largest relative deviation of a slice gap from the median gap (0.01 = 1 %, as highdicom).</summary>
    public double SpacingTolerance { get; init; } = 0.01;

    /// <summary>Largest difference of a direction cosine between slices that still counts as one orientation.</summary>
    public double OrientationTolerance { get; init; } = 1e-4;

    /// <summary>Largest 1 − |cos| between a slice step and the normal that is not gantry tilt (1e-3 ≈ 2.6°, highdicom).</summary>
    public double TiltTolerance { get; init; } = 1e-3;

    /// <summary>Build tilted series on a sheared grid (z along the slice step) instead of rejecting them.</summary>
    public bool AllowGantryTilt { get; init; }

    /// <summary>Two slices closer than this along the normal (mm) are at the same position.</summary>
    public double DuplicateDistance { get; init; } = 0.01;

    /// <summary>What to do with two slices at the same position.</summary>
    public DuplicatePolicy Duplicates { get; init; } = DuplicatePolicy.KeepHighestInstanceNumber;

    /// <summary>
    /// Invert MONOCHROME1 stored values within the BitsStored range before the Modality LUT, so that larger
    /// output values are brighter as in MONOCHROME2 (PS3.3 C.7.6.3.1.2).
    /// </summary>
    public bool InvertMonochrome1 { get; init; } = true;

    /// <summary>Largest volume, in voxels (DESIGN §5: no input may exhaust memory).</summary>
    public long MaxVoxels { get; init; } = VolumeLimits.DefaultMaxVoxels;
}

/// <summary>The rule for two slices at the same position along the normal.</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the slice with the highest InstanceNumber (then the later frame); the others are dropped and reported.</summary>
    KeepHighestInstanceNumber,

    /// <summary>Reject the series as <see cref="SeriesRejection.IrregularSpacing"/>.</summary>
    Reject,
}
