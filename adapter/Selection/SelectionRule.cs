namespace Mosmos.Adapter.Selection;

/// <summary>
/// One rule of the series selection (configuration section <c>Selection:Rules</c>). A series matches when every
/// condition that is set holds; patterns are .NET regular expressions, matched case-insensitively.
/// </summary>
public sealed class SelectionRule
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Model id (name@version or name) that segments what this rule matches.</summary>
    public string Model { get; set; } = string.Empty;

    public IList<string> Modalities { get; } = [];

    /// <summary>Accepted SOP Class UIDs; empty accepts any image storage class of the modality.</summary>
    public IList<string> SopClassUids { get; } = [];

    public string? BodyPartPattern { get; set; }

    public string? StudyDescriptionPattern { get; set; }

    /// <summary>Series whose description matches are rejected (e.g. "scout|topogram|dose report").</summary>
    public string? SeriesDescriptionExcludePattern { get; set; }

    /// <summary>Contrast phase wanted, matched against SeriesDescription and ContrastBolusAgent (e.g. "portal|venous").</summary>
    public string? ContrastPhasePattern { get; set; }

    public double? MinSliceThicknessMm { get; set; }

    public double? MaxSliceThicknessMm { get; set; }

    public int MinSlices { get; set; } = 1;

    /// <summary>Largest angle between the slice normal and the patient's head–feet axis, in degrees; null skips the check.</summary>
    public double? AxialToleranceDegrees { get; set; } = 10;

    /// <summary>ImageType values or value pairs (e.g. "LOCALIZER", "DERIVED\SECONDARY") that reject a series.</summary>
    public IList<string> ExcludeImageTypes { get; } = ["LOCALIZER", "SCOUT", "DERIVED\\SECONDARY"];

    /// <summary>When several series of a study match this rule: segment <c>All</c> of them or the <c>Best</c> one.</summary>
    public SeriesPick Pick { get; set; } = SeriesPick.Best;
}

/// <summary>What to do when several series of one study match a rule.</summary>
public enum SeriesPick
{
    /// <summary>One job: the primary series first, then the thinnest slices, then the most slices.</summary>
    Best,

    /// <summary>One job per matching series.</summary>
    All,
}
