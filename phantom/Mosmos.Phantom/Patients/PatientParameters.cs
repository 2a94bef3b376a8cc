using System.Text.Json.Serialization;

namespace Mosmos.Phantom.Patients;

[JsonConverter(typeof(JsonStringEnumConverter<Sex>))]
public enum Sex { Female, Male }

[JsonConverter(typeof(JsonStringEnumConverter<Side>))]
public enum Side { Right, Left }

/// <summary>
/// Who the synthetic patient is: body habitus and organ sizes as factors of a standard adult anatomy, and the
/// conditions the report will describe. Everything here comes from the seed; the sidecar JSON records it.
/// </summary>
public sealed record PatientParameters
{
    public required Sex Sex { get; init; }

    public required int AgeYears { get; init; }

    /// <summary>Scale of the standard anatomy along patient x (width), y (depth) and z (height).</summary>
    public required double ScaleX { get; init; }

    public required double ScaleY { get; init; }

    public required double ScaleZ { get; init; }

    /// <summary>Subcutaneous fat thickness at the flank in mm.</summary>
    public required double SubcutaneousFatMm { get; init; }

    /// <summary>Body weight in kg and height in m, derived from the habitus (DICOM Patient Study module).</summary>
    public required double WeightKg { get; init; }

    public required double HeightM { get; init; }

    /// <summary>Per-organ size factor around the standard organ (1 = standard), keyed by organ catalog id.</summary>
    public required IReadOnlyDictionary<string, double> OrganScale { get; init; }

    public required Pathologies Pathologies { get; init; }

    /// <summary>Fullness of the urinary bladder, 0.45 (nearly empty) to 1.3 (distended).</summary>
    public required double BladderFilling { get; init; }
}

/// <summary>The conditions of one patient. Removed organs are not drawn; enlarged organs are scaled up.</summary>
public sealed record Pathologies
{
    public bool Splenomegaly { get; init; }

    public bool Hepatomegaly { get; init; }

    public Side? Nephrectomy { get; init; }

    public bool Cholecystectomy { get; init; }

    public bool Splenectomy { get; init; }

    public bool Hysterectomy { get; init; }

    public Side? Hydronephrosis { get; init; }

    public bool Ascites { get; init; }

    /// <summary>Gallstones: dense foci in the gallbladder (a finding that keeps the organ present).</summary>
    public bool Gallstones { get; init; }

    public IReadOnlyList<Lesion> Lesions { get; init; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<LesionKind>))]
public enum LesionKind
{
    /// <summary>Simple cyst: water density in every phase.</summary>
    Cyst,

    /// <summary>Solid lesion that enhances less than the organ (e.g. a metastasis).</summary>
    Hypoenhancing,

    /// <summary>Solid lesion that enhances avidly in the arterial phase (e.g. a hypervascular tumour).</summary>
    Hyperenhancing,
}

/// <summary>A focal lesion inside an organ.</summary>
/// <param name="Organ">Organ catalog id of the host organ.</param>
/// <param name="Offset">Position relative to the host organ's centre as fractions of its radii (−0.6..0.6).</param>
/// <param name="RadiusMm">Lesion radius in mm.</param>
public sealed record Lesion(string Organ, LesionKind Kind, double[] Offset, double RadiusMm);
