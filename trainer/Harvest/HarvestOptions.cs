namespace Mosmos.Trainer.Harvest;

/// <summary>What <see cref="Harvester"/> reads and where it writes (<c>harvest --from URL --out DIR ...</c>).</summary>
public sealed record HarvestOptions
{
    /// <summary>The dataset folder (datasets/README.md); an existing one is resumed.</summary>
    public required string Output { get; init; }

    /// <summary>Recorded as each case's <c>source</c> (the DICOMweb root, never with credentials).</summary>
    public required string SourceName { get; init; }

    /// <summary>CSV or JSONL of accession number → report text (<see cref="ReportTable"/>); wins over SR reports.</summary>
    public string? ReportsFile { get; init; }

    /// <summary>Only studies with a StudyDate on or after this day (QIDO date range <c>YYYYMMDD-</c>).</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Stop after this many new cases (cases already cached do not count).</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// Resample to an isotropic grid of this spacing in mm (trilinear HU, nearest labels) to keep the cache small;
    /// null keeps the source grid, which is what the phantom writes and what the trainer resamples itself.
    /// </summary>
    public double? SpacingMm { get; init; }

    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Output)) errors.Add("--out is required");
        if (Limit is < 1) errors.Add("--limit must be at least 1");
        if (SpacingMm is { } s && !(s > 0 && s < 100)) errors.Add("--spacing must be in (0, 100) mm");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}
