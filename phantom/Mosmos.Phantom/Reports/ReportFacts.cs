using System.Globalization;
using Mosmos.Datasets;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Patients;

namespace Mosmos.Phantom.Reports;

/// <summary>Everything the report may say: who, how the scan was done, and the truth per organ.</summary>
public sealed record ReportFacts(PatientParameters Patient, ScanParameters Scan, IReadOnlyDictionary<string, OrganTruth> Truth)
{
    public OrganTruth this[string organ] => Truth[organ];

    public bool Visible(string organ) => Truth[organ].Visible;

    public bool Removed(string organ) => Truth[organ].Findings.Any(f => f.Kind == FindingKind.Removed);

    public bool Normal(string organ) => Truth[organ].Tag == OrganTag.Present;

    public bool Contrast => Scan.Phase != ContrastPhase.NonContrast;

    public static string Cm(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>A sentence of the report and what it states about organs (the tags a reader should extract).</summary>
public sealed record Statement(string Text, IReadOnlyDictionary<string, OrganTag> Tags)
{
    public static Statement Plain(string text) => new(text, new Dictionary<string, OrganTag>());

    public static Statement About(string text, OrganTag tag, params string[] organs) =>
        new(text, organs.ToDictionary(o => o, _ => tag));
}

/// <summary>The composed report: its sections, its full text, and the organ tags it states.</summary>
public sealed record RadiologyReport
{
    public required string ClinicalHistory { get; init; }
    public required string Technique { get; init; }
    public required string Comparison { get; init; }
    public required string Findings { get; init; }
    public required string Impression { get; init; }

    /// <summary>Organ → tag, for the organs the report mentions; unmentioned organs are missing.</summary>
    public required IReadOnlyDictionary<string, OrganTag> StatedTags { get; init; }

    public string Text =>
        $"CLINICAL HISTORY: {ClinicalHistory}\n\nTECHNIQUE: {Technique}\n\nCOMPARISON: {Comparison}\n\nFINDINGS:\n{Findings}\n\nIMPRESSION:\n{Impression}\n";
}
