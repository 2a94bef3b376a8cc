namespace Mosmos.Dicom.Seg;

/// <summary>
/// What one label value means (Segment Description macro, PS3.3 Table C.8.20-4): label, SNOMED CT category and
/// type, the laterality modifier of a paired organ, display colour. <see cref="FromOrgan"/> takes all of it from
/// the organ catalog, the one source of truth for organ coding.
/// </summary>
/// <param name="LabelValue">The voxel value in the label map (1..255).</param>
public sealed record SegmentDescription(byte LabelValue, string Label, CodedConcept Category, CodedConcept Type)
{
    public CodedConcept? TypeModifier { get; init; }

    public string? Description { get; init; }

    /// <summary>RecommendedDisplayCIELabValue, already scaled to 0..65535 (PS3.3 C.10.7.1.1).</summary>
    public IReadOnlyList<ushort>? CieLab { get; init; }

    /// <summary>Tracking Identifier (0062,0020); the writer derives the Tracking UID from it and the UID key.</summary>
    public string? TrackingId { get; init; }

    /// <summary>The catalog organ, when the segment is one.</summary>
    public Organ? Organ { get; init; }

    public static SegmentDescription FromOrgan(Organ organ, byte? labelValue = null)
    {
        ArgumentNullException.ThrowIfNull(organ);
        int value = labelValue ?? organ.DefaultLabel;
        if (value is < 1 or > 255)
            throw new ArgumentOutOfRangeException(nameof(labelValue), value, "label values are 1..255");
        return new SegmentDescription((byte)value, organ.DisplayName, organ.Category, organ.Type)
        {
            TypeModifier = organ.Laterality,
            CieLab = organ.CieLabColor,
            TrackingId = organ.Id,
            Organ = organ,
        };
    }

    /// <summary>Every catalog organ at its default label value: the default model's segment table.</summary>
    public static IReadOnlyList<SegmentDescription> FromCatalog() => OrganCatalog.All.Select(o => FromOrgan(o)).ToArray();
}

/// <summary>
/// The algorithm that produced the segments (Segment Algorithm Type/Name and the Segmentation Algorithm
/// Identification Sequence, PS3.3 C.8.20.2 and 10.16).
/// </summary>
public sealed record SegmentationAlgorithm(string Name, string Version)
{
    /// <summary>AUTOMATIC, SEMIAUTOMATIC or MANUAL (PS3.3 C.8.20.2.3).</summary>
    public string Type { get; init; } = "AUTOMATIC";

    /// <summary>Algorithm family from CID 7162; default (123110, DCM, "Artificial Intelligence").</summary>
    public CodedConcept Family { get; init; } = Codes.ArtificialIntelligence;

    public string? Parameters { get; init; }

    public string? Source { get; init; }
}
