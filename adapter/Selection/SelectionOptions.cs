using System.Text.RegularExpressions;

namespace Mosmos.Adapter.Selection;

/// <summary>The <c>Selection</c> configuration section: rules in priority order and the urgency rule.</summary>
public sealed class SelectionOptions
{
    public const string SectionName = "Selection";

    public IList<SelectionRule> Rules { get; } = [];

    /// <summary>Studies whose description matches get <see cref="UrgentPriority"/> (e.g. "(?i)trauma|stat").</summary>
    public string? UrgentStudyDescriptionPattern { get; set; }

    public byte UrgentPriority { get; set; } = 9;

    /// <summary>Every problem in the rules, so that start-up can report them all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Rules.Count == 0) errors.Add("Selection:Rules is empty: nothing would ever be segmented");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Rules.Count; i++)
        {
            var r = Rules[i];
            var at = $"Selection:Rules:{i}" + (string.IsNullOrEmpty(r.Name) ? string.Empty : $" ({r.Name})");
            if (string.IsNullOrWhiteSpace(r.Name)) errors.Add($"{at}: Name is required");
            else if (!names.Add(r.Name)) errors.Add($"{at}: Name is used by another rule");
            if (string.IsNullOrWhiteSpace(r.Model)) errors.Add($"{at}: Model is required");
            if (r.Modalities.Count == 0) errors.Add($"{at}: Modalities is empty");
            if (r.MinSlices < 1) errors.Add($"{at}: MinSlices must be at least 1");
            if (r.MinSliceThicknessMm is < 0) errors.Add($"{at}: MinSliceThicknessMm must not be negative");
            if (r.MinSliceThicknessMm > r.MaxSliceThicknessMm) errors.Add($"{at}: MinSliceThicknessMm is above MaxSliceThicknessMm");
            if (r.AxialToleranceDegrees is < 0 or > 90) errors.Add($"{at}: AxialToleranceDegrees must be within 0..90");
            CheckPattern(errors, at, nameof(r.BodyPartPattern), r.BodyPartPattern);
            CheckPattern(errors, at, nameof(r.StudyDescriptionPattern), r.StudyDescriptionPattern);
            CheckPattern(errors, at, nameof(r.SeriesDescriptionExcludePattern), r.SeriesDescriptionExcludePattern);
            CheckPattern(errors, at, nameof(r.ContrastPhasePattern), r.ContrastPhasePattern);
        }
        CheckPattern(errors, "Selection", nameof(UrgentStudyDescriptionPattern), UrgentStudyDescriptionPattern);
        if (UrgentPriority > 9) errors.Add("Selection:UrgentPriority must be within 0..9");
        return errors;
    }

    private static void CheckPattern(List<string> errors, string at, string name, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return;
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            errors.Add($"{at}: {name} is not a valid regular expression: {e.Message}");
        }
    }
}
