using System.Text.Json.Serialization;

namespace Mosmos.Phantom.Acquisition;

/// <summary>Patient Position (0018,5100) defined terms used for abdominal CT (PS3.3 C.7.3.1.1.2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatientPosition>))]
public enum PatientPosition
{
    /// <summary>Head first supine.</summary>
    HFS,

    /// <summary>Feet first supine.</summary>
    FFS,

    /// <summary>Head first prone.</summary>
    HFP,

    /// <summary>Feet first prone.</summary>
    FFP,
}

[JsonConverter(typeof(JsonStringEnumConverter<ContrastPhase>))]
public enum ContrastPhase { NonContrast, Arterial, PortalVenous }

/// <summary>How the synthetic study was acquired and reconstructed.</summary>
public sealed record ScanParameters
{
    public required PatientPosition Position { get; init; }

    public required ContrastPhase Phase { get; init; }

    /// <summary>Peak tube voltage in kV.</summary>
    public required int Kvp { get; init; }

    public required int TubeCurrentMa { get; init; }

    /// <summary>Reconstruction kernel name as the vendor would write it.</summary>
    public required string Kernel { get; init; }

    /// <summary>0 = sharp (white noise) … 1 = soft (noise correlated over ~3 pixels).</summary>
    public required double KernelSmoothing { get; init; }

    /// <summary>Standard deviation of image noise in a uniform region, in HU.</summary>
    public required double NoiseHu { get; init; }

    /// <summary>Columns = rows of each slice.</summary>
    public required int Matrix { get; init; }

    /// <summary>In-plane pixel spacing in mm (square pixels).</summary>
    public required double PixelSpacingMm { get; init; }

    /// <summary>Slice thickness = spacing between slices (contiguous reconstruction), in mm.</summary>
    public required double SliceThicknessMm { get; init; }

    public required int Slices { get; init; }

    /// <summary>Craniocaudal scan range in body coordinates (mm, superior positive).</summary>
    public required double ScanTopMm { get; init; }

    public required double ScanBottomMm { get; init; }

    /// <summary>Centre of the reconstruction field of view in body coordinates (x right-to-left, y front-to-back), mm.</summary>
    public required double FovCenterXMm { get; init; }

    public required double FovCenterYMm { get; init; }

    /// <summary>Where the patient lies in the scanner's patient coordinate system: patient = body + this offset (mm).</summary>
    public required double[] TableOffsetMm { get; init; }

    public required double TableHeightMm { get; init; }

    public required string ManufacturerModel { get; init; }

    public bool IsProne => Position is PatientPosition.HFP or PatientPosition.FFP;

    public bool IsFeetFirst => Position is PatientPosition.FFS or PatientPosition.FFP;
}
