using System.Globalization;
using System.Text.RegularExpressions;

namespace Mosmos.Adapter.Selection;

/// <summary>A series and what the rules said about it: the rule that took it, or why each rule refused it.</summary>
public sealed record SeriesDecision(SeriesCandidate Series, string? MatchedRule, IReadOnlyList<string> Rejections, bool Selected);

/// <summary>A series chosen for segmentation, with the rule and model that chose it.</summary>
public sealed record SelectedSeries(SeriesCandidate Series, SelectionRule Rule, byte Priority);

/// <summary>The outcome for one study: every series' decision and the series to segment.</summary>
public sealed record StudySelection(IReadOnlyList<SeriesDecision> Decisions, IReadOnlyList<SelectedSeries> Selected);

/// <summary>
/// Applies the configured rules to the series of one study. Series that are not images (SEG, SR, PR, KO …) and
/// MOSMOS's own outputs are refused before any rule, so results never trigger new work.
/// </summary>
public sealed class SeriesSelector(SelectionOptions options)
{
    /// <summary>The Manufacturer (0008,0070) MOSMOS writes into its SEG and SR.</summary>
    public const string OwnManufacturer = "MOSMOS";

    private static readonly HashSet<string> NonImageModalities = new(StringComparer.OrdinalIgnoreCase)
    {
        "SEG", "SR", "PR", "KO", "RTSTRUCT", "RTPLAN", "RTDOSE", "RTRECORD", "REG", "DOC", "PLAN", "FID", "OT",
    };

    public StudySelection Select(IReadOnlyList<SeriesCandidate> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var matches = new List<(SeriesCandidate Series, SelectionRule Rule)>();
        var rejections = new Dictionary<SeriesCandidate, List<string>>();
        foreach (var s in series)
        {
            var reasons = new List<string>();
            rejections[s] = reasons;
            if (RefuseUpFront(s) is { } refusal)
            {
                reasons.Add(refusal);
                continue;
            }
            foreach (var rule in options.Rules)
            {
                var why = Check(rule, s);
                if (why is null)
                {
                    matches.Add((s, rule));
                    break;
                }
                reasons.Add($"{rule.Name}: {why}");
            }
        }
        var selected = new List<SelectedSeries>();
        foreach (var group in matches.GroupBy(m => m.Rule))
        {
            var chosen = group.Key.Pick == SeriesPick.All ? group.Select(g => g.Series) : [Best(group.Select(g => g.Series))];
            selected.AddRange(chosen.Select(s => new SelectedSeries(s, group.Key, PriorityOf(s))));
        }
        var selectedSet = selected.Select(s => s.Series).ToHashSet();
        var decisions = series.Select(s =>
        {
            var rule = matches.FirstOrDefault(m => m.Series == s).Rule;
            var notes = rejections[s];
            if (rule is not null && !selectedSet.Contains(s))
                notes.Add($"{rule.Name}: another series of the study is a better match");
            return new SeriesDecision(s, rule?.Name, notes, selectedSet.Contains(s));
        }).ToList();
        return new StudySelection(decisions, selected);
    }

    private static string? RefuseUpFront(SeriesCandidate s)
    {
        if (NonImageModalities.Contains(s.Modality)) return $"modality {s.Modality} is not an image series";
        if (string.Equals(s.Manufacturer, OwnManufacturer, StringComparison.OrdinalIgnoreCase)) return "MOSMOS's own output";
        return null;
    }

    private static string? Check(SelectionRule rule, SeriesCandidate s)
    {
        if (!rule.Modalities.Contains(s.Modality, StringComparer.OrdinalIgnoreCase)) return $"modality {s.Modality} not in [{string.Join(", ", rule.Modalities)}]";
        if (rule.SopClassUids.Count > 0 && !rule.SopClassUids.Contains(s.SopClassUid ?? string.Empty, StringComparer.Ordinal))
            return $"SOP class {s.SopClassUid} not accepted";
        if (s.InstanceCount < rule.MinSlices) return $"{s.InstanceCount} instances, fewer than {rule.MinSlices}";
        if (!Matches(rule.BodyPartPattern, s.BodyPartExamined)) return $"body part '{s.BodyPartExamined}' does not match";
        if (!Matches(rule.StudyDescriptionPattern, s.StudyDescription)) return "study description does not match";
        if (rule.SeriesDescriptionExcludePattern is { Length: > 0 } ex && IsMatch(ex, s.SeriesDescription))
            return $"series description '{s.SeriesDescription}' is excluded";
        if (rule.ContrastPhasePattern is { Length: > 0 } phase && !IsMatch(phase, s.SeriesDescription) && !IsMatch(phase, s.ContrastBolusAgent))
            return "contrast phase does not match";
        if (s.SliceThicknessMm is { } t && (t < rule.MinSliceThicknessMm || t > rule.MaxSliceThicknessMm))
            return $"slice thickness {t.ToString(CultureInfo.InvariantCulture)} mm out of range";
        if (rule.AxialToleranceDegrees is { } tolerance && !IsAxial(s.ImageOrientation, tolerance))
            return "not axial within " + tolerance.ToString(CultureInfo.InvariantCulture) + "°";
        var imageType = string.Join('\\', s.ImageType).ToUpperInvariant();
        foreach (var excluded in rule.ExcludeImageTypes)
        {
            if (s.ImageType.Contains(excluded, StringComparer.OrdinalIgnoreCase) || imageType.StartsWith(excluded.ToUpperInvariant(), StringComparison.Ordinal))
                return $"image type {imageType} is excluded ({excluded})";
        }
        return null;
    }

    /// <summary>
    /// ORIGINAL\PRIMARY (ImageType values 1 and 2, PS3.3 C.7.6.1.1.2) before anything derived or secondary, then
    /// the thinnest slices, then the most slices; ties by UID so the choice is deterministic.
    /// </summary>
    private static SeriesCandidate Best(IEnumerable<SeriesCandidate> series) => series
        .OrderByDescending(IsOriginalPrimary)
        .ThenBy(s => s.SliceThicknessMm ?? double.MaxValue)
        .ThenByDescending(s => s.InstanceCount)
        .ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal)
        .First();

    private static bool IsOriginalPrimary(SeriesCandidate s) =>
        s.ImageType.Count >= 2 && string.Equals(s.ImageType[0], "ORIGINAL", StringComparison.OrdinalIgnoreCase)
        && string.Equals(s.ImageType[1], "PRIMARY", StringComparison.OrdinalIgnoreCase);

    private byte PriorityOf(SeriesCandidate s) =>
        options.UrgentStudyDescriptionPattern is { Length: > 0 } p && IsMatch(p, s.StudyDescription) ? options.UrgentPriority : (byte)0;

    /// <summary>The slice normal (row × column) within <paramref name="toleranceDegrees"/> of the z axis (PS3.3 C.7.6.2.1.1).</summary>
    internal static bool IsAxial(IReadOnlyList<double> iop, double toleranceDegrees)
    {
        if (iop.Count != 6) return false;
        double nz = iop[0] * iop[4] - iop[1] * iop[3];
        double nx = iop[1] * iop[5] - iop[2] * iop[4], ny = iop[2] * iop[3] - iop[0] * iop[5];
        double norm = Math.Sqrt(nx * nx + ny * ny + nz * nz);
        return norm > 0 && Math.Abs(nz) / norm >= Math.Cos(toleranceDegrees * Math.PI / 180);
    }

    private static bool Matches(string? pattern, string? value) => string.IsNullOrEmpty(pattern) || IsMatch(pattern, value);

    private static bool IsMatch(string pattern, string? value) =>
        Regex.IsMatch(value ?? string.Empty, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
