namespace Mosmos.Trainer.Harvest;

/// <summary>Why something in the archive did not become (part of) a case.</summary>
/// <param name="Kind">What was skipped: <c>study</c>, <c>series</c>, <c>SEG</c>, <c>report</c> or <c>cache</c>.</param>
/// <param name="Uid">Its UID (study, series or SOP instance); for a report from a file, the accession number.</param>
/// <param name="Reason">A short, stable category, e.g. <c>no CT series</c>; the summary groups by it.</param>
/// <param name="Detail">One sentence naming what was found and what to do about it.</param>
public sealed record HarvestSkip(string Kind, string Uid, string Reason, string Detail);

/// <summary>What a harvest found, added, kept from the cache and skipped (with reasons).</summary>
public sealed class HarvestSummary
{
    private readonly List<HarvestSkip> _skipped = [];
    private readonly List<string> _added = [];

    public int Studies { get; internal set; }

    public int CtSeries { get; internal set; }

    public int Segmentations { get; internal set; }

    public int Reports { get; internal set; }

    /// <summary>Cases already in the dataset and intact: not fetched again.</summary>
    public int Cached { get; internal set; }

    /// <summary>Cached cases whose files were damaged: dropped and fetched again.</summary>
    public int Refetched { get; internal set; }

    public int AddedWithLabels { get; internal set; }

    public int AddedReportOnly { get; internal set; }

    /// <summary>Stopped early because <see cref="HarvestOptions.Limit"/> new cases were added.</summary>
    public bool LimitReached { get; internal set; }

    /// <summary>Ids of the cases added by this run, in order.</summary>
    public IReadOnlyList<string> Added => _added;

    public IReadOnlyList<HarvestSkip> Skipped => _skipped;

    internal void Skip(string kind, string uid, string reason, string detail) => _skipped.Add(new HarvestSkip(kind, uid, reason, detail));

    internal void Add(string id, bool labelled)
    {
        _added.Add(id);
        if (labelled) AddedWithLabels++;
        else AddedReportOnly++;
    }

    /// <summary>Skips grouped by kind and reason, most frequent first.</summary>
    public IEnumerable<(string Kind, string Reason, int Count)> SkipCounts() =>
        _skipped.GroupBy(s => (s.Kind, s.Reason)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => (g.Key.Kind, g.Key.Reason, g.Count()));
}
