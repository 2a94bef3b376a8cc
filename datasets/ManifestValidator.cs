namespace Mosmos.Datasets;

/// <summary>Checks a parsed <c>dataset.json</c>; every problem is reported at once.</summary>
internal static class ManifestValidator
{
    /// <summary>Per axis; keeps one volume's arrays well inside .NET array limits.</summary>
    public const int MaxAxisVoxels = 4096;

    /// <summary>2^30 voxels = 2 GiB of int16: far above any training grid, low enough to bound memory.</summary>
    public const long MaxVoxels = 1L << 30;

    public static List<string> Validate(DatasetManifest m)
    {
        var e = new List<string>();
        if (m.Format != DatasetManifest.CurrentFormat)
            e.Add($"format {m.Format} is not supported (expected {DatasetManifest.CurrentFormat})");
        if (m.Labels is null || m.Labels.Count == 0) e.Add("labels is empty");
        else
        {
            foreach (var (value, organ) in m.Labels)
            {
                if (value is < 1 or > 255) e.Add($"label value {value} is outside 1..255");
                if (string.IsNullOrWhiteSpace(organ)) e.Add($"label {value} has no organ id");
            }
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (m.Cases?.Count ?? 0); i++)
        {
            var c = m.Cases![i];
            var where = $"cases[{i}]" + (string.IsNullOrEmpty(c?.Id) ? "" : $" '{c.Id}'");
            if (c is null) { e.Add($"{where} is null"); continue; }
            if (!IsSafeId(c.Id)) e.Add($"{where}: id must be 1-128 characters of letters, digits, '-', '_', '.'");
            else if (!ids.Add(c.Id)) e.Add($"{where}: duplicate id");
            CheckPath(e, where, "imageFile", c.ImageFile, required: true);
            CheckPath(e, where, "labelFile", c.LabelFile, required: false);
            CheckPath(e, where, "reportFile", c.ReportFile, required: false);
            CheckCase(e, where, c);
        }
        return e;
    }

    private static void CheckCase(List<string> e, string where, DatasetCase c)
    {
        if (c.Size is not { Length: 3 } || c.Size.Any(v => v is < 1 or > MaxAxisVoxels))
            e.Add($"{where}: size must be 3 values in 1..{MaxAxisVoxels}");
        else if (c.VoxelCount > MaxVoxels)
            e.Add($"{where}: {c.VoxelCount} voxels exceed the limit of {MaxVoxels}");
        if (c.SpacingMm is not { Length: 3 } || c.SpacingMm.Any(v => !(v > 0 && v < 100)))
            e.Add($"{where}: spacingMm must be 3 values in (0, 100) mm");
        if (c.DirectionAndOrigin is not { Length: 16 } || c.DirectionAndOrigin.Any(v => !double.IsFinite(v)))
            e.Add($"{where}: directionAndOrigin must be 16 finite numbers (4x4 row-major)");
        else if (c.DirectionAndOrigin[12] != 0 || c.DirectionAndOrigin[13] != 0 || c.DirectionAndOrigin[14] != 0
                 || c.DirectionAndOrigin[15] != 1)
            e.Add($"{where}: directionAndOrigin last row must be 0 0 0 1");
        if (string.IsNullOrWhiteSpace(c.Modality)) e.Add($"{where}: modality is empty");
        if (string.IsNullOrWhiteSpace(c.Source)) e.Add($"{where}: source is empty");
        if (c.Tags is not null && c.Tags.Keys.Any(string.IsNullOrWhiteSpace))
            e.Add($"{where}: tags has an empty organ id");
    }

    private static void CheckPath(List<string> e, string where, string field, string? path, bool required)
    {
        if (path is null)
        {
            if (required) e.Add($"{where}: {field} is missing");
            return;
        }
        // Relative, forward slashes, no way out of the dataset folder.
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || path.Contains(':')
            || path.Split('/').Any(s => s is "" or "." or ".."))
            e.Add($"{where}: {field} '{path}' must be a relative path inside the dataset folder");
    }

    public static bool IsSafeId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && id[0] != '.'
        && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');
}
