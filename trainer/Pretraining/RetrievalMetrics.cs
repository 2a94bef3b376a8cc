namespace Mosmos.Trainer.Pretraining;

/// <summary>Held-out metrics of pre-training: image → report retrieval recall@k and tag mean average precision.</summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// Share of images whose own report (same row index) is among the <paramref name="k"/> most similar reports.
    /// Ties count against the image (a report scoring equal to the true one ranks before it).
    /// </summary>
    /// <param name="similarity">[images, reports] row-major, square.</param>
    public static double RecallAtK(float[] similarity, int n, int k)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        if (n < 1 || similarity.Length != n * n) throw new ArgumentException($"expected an {n}×{n} similarity matrix");
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            var own = similarity[i * n + i];
            var better = 0;
            for (var j = 0; j < n; j++) if (j != i && similarity[i * n + j] >= own) better++;
            if (better < k) hits++;
        }
        return (double)hits / n;
    }

    /// <summary>
    /// Average precision of one tag over the cases where it is known: mean over positives of the precision at
    /// their rank (scores descending; ties ranked pessimistically). NaN when there is no positive.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<(double Score, bool Positive)> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var positives = cases.Count(c => c.Positive);
        if (positives == 0) return double.NaN;
        // Negatives before positives among equal scores: a constant predictor gets the base rate, not 1.
        var ranked = cases.OrderByDescending(c => c.Score).ThenBy(c => c.Positive).ToList();
        double sum = 0;
        var seen = 0;
        for (var r = 0; r < ranked.Count; r++)
        {
            if (!ranked[r].Positive) continue;
            seen++;
            sum += (double)seen / (r + 1);
        }
        return sum / positives;
    }

    /// <summary>Mean AP over the tags that have at least one known positive; NaN when none has.</summary>
    /// <param name="scores">[cases, tags] row-major logits or probabilities.</param>
    public static double MeanAveragePrecision(float[] scores, float[] targets, float[] known, int tags)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(known);
        var n = scores.Length / tags;
        var aps = new List<double>();
        for (var t = 0; t < tags; t++)
        {
            var column = Enumerable.Range(0, n).Where(i => known[i * tags + t] > 0)
                .Select(i => ((double)scores[i * tags + t], targets[i * tags + t] > 0.5f)).ToList();
            var ap = AveragePrecision(column);
            if (!double.IsNaN(ap)) aps.Add(ap);
        }
        return aps.Count == 0 ? double.NaN : aps.Average();
    }

    /// <summary>
    /// Mean similarity between distinct items of an [n, n] Gram matrix of L2-normalised embeddings: near 1 when the
    /// encoder gives every input the same embedding (collapse; the contrastive loss then sits at ln B).
    /// </summary>
    public static double MeanOffDiagonal(float[] gram, int n)
    {
        ArgumentNullException.ThrowIfNull(gram);
        if (n < 2 || gram.Length != n * n) throw new ArgumentException($"expected an {n}×{n} Gram matrix, n ≥ 2");
        double sum = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) sum += gram[i * n + j];
        return sum / (n * (n - 1.0));
    }
}
