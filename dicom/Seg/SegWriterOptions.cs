namespace Mosmos.Dicom.Seg;

/// <summary>Segmentation Type (0062,0001), PS3.3 C.8.20.2.3.</summary>
public enum SegmentationType
{
    /// <summary>1-bit frames, one per segment and plane: the interoperable default.</summary>
    Binary,

    /// <summary>8-bit frames holding a probability or occupancy, one per segment and plane
    /// (<see cref="SegWriter.EncodeFractional"/>; read back thresholded).</summary>
    Fractional,

    /// <summary>One 8-bit frame per plane whose value is the segment number (Sup 243, SOP class …66.7).</summary>
    LabelMap,
}

/// <summary>Segmentation Fractional Type (0062,0010), PS3.3 C.8.20.2.3: what a FRACTIONAL value means.</summary>
public enum FractionalType
{
    /// <summary><c>PROBABILITY</c>: the probability, value / MaximumFractionalValue, that the voxel belongs to the segment.</summary>
    Probability,

    /// <summary><c>OCCUPANCY</c>: the fraction of the voxel the segment occupies.</summary>
    Occupancy,
}

/// <summary>How <see cref="SegWriter"/> encodes a segmentation.</summary>
public sealed record SegWriterOptions
{
    /// <summary>Key every output UID derives from (DESIGN §4): the same key rewrites the same SEG.</summary>
    public required string UidKey { get; init; }

    public required SegmentationAlgorithm Algorithm { get; init; }

    public SegmentationType Type { get; init; } = SegmentationType.Binary;

    /// <summary>FRACTIONAL only: written as Segmentation Fractional Type (0062,0010).</summary>
    public FractionalType FractionalType { get; init; } = FractionalType.Probability;

    /// <summary>Leave out frames with no voxel of their segment (dicom-seg-sr.md §1.7); false writes every frame.</summary>
    public bool OmitEmptyFrames { get; init; } = true;

    public string Manufacturer { get; init; } = "MOSMOS";

    public string ManufacturerModelName { get; init; } = "MOSMOS organ segmentation";

    public string DeviceSerialNumber { get; init; } = "1";

    public string SoftwareVersions { get; init; } = "1";

    public int SeriesNumber { get; init; } = 901;

    public int InstanceNumber { get; init; } = 1;

    public string SeriesDescription { get; init; } = "MOSMOS organ segmentation";

    /// <summary>CS: upper-case letters, digits, space, underscore, at most 16 characters.</summary>
    public string ContentLabel { get; init; } = "SEGMENTATION";

    public string ContentDescription { get; init; } = "Automatic organ segmentation";

    /// <summary>Content and instance creation date/time; the current local time when null.</summary>
    public DateTime? CreatedAt { get; init; }
}
