using System.Text;
using Mosmos.Trainer.Data;

namespace Mosmos.Trainer.Training;

/// <summary>
/// Holds out a fraction of the labelled cases for validation: each case's rank is a SplitMix64 hash of (seed, id),
/// so the split depends only on the seed and the case ids — the same on resume, independent of manifest order,
/// and a case added later does not move the others.
/// </summary>
public static class ValidationSplit
{
    /// <exception cref="ArgumentException">The fraction leaves no case for training or none for validation.</exception>
    public static (List<PreparedCase> Train, List<PreparedCase> Validation) Split(IReadOnlyList<PreparedCase> cases, double fraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (fraction is <= 0 or >= 1) throw new ArgumentException($"the validation fraction must be in (0, 1), got {fraction}");
        int held = Math.Max(1, (int)Math.Round(fraction * cases.Count));
        if (cases.Count - held < 1)
            throw new ArgumentException($"holding out {held} of {cases.Count} labelled case(s) leaves none to train on; use --val-data DIR or more cases");
        var ranked = cases.OrderBy(c => Rank(c.Id, seed)).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var validation = ranked.Take(held).ToHashSet();
        return ([.. cases.Where(c => !validation.Contains(c))], [.. cases.Where(validation.Contains)]);
    }

    private static ulong Rank(string id, long seed)
    {
        // FNV-1a over the UTF-8 id, then one SplitMix64 step keyed by the seed.
        ulong h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(id)) h = (h ^ b) * 1099511628211UL;
        return new StepRandom(seed, (long)(h >> 1), stream: 7).NextUInt64();
    }
}
