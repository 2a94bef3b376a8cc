using static TorchSharp.torch;

namespace Mosmos.Trainer.Pretraining;

/// <summary>Held-out metrics at one step.</summary>
/// <param name="ImageCosine">Mean cosine between the embeddings of distinct held-out images (1 = all alike).</param>
/// <param name="ReportCosine">The same between distinct held-out reports.</param>
public sealed record PretrainScores(int Step, double RecallAt1, double RecallAt5, double TagMap, int Pairs, double ImageCosine, double ReportCosine);

/// <summary>
/// Image → report recall@1/5, tag mAP and how alike the embeddings of distinct images and of distinct reports are,
/// over the held-out pairs (eval mode, no gradients, in batches).
/// </summary>
public static class PretrainValidation
{
    public static PretrainScores Evaluate(PretrainModel model, IReadOnlyList<PretrainCase> cases, int size, int batch, int step)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0) throw new ArgumentException("no held-out pairs", nameof(cases));
        var training = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var images = new List<Tensor>();
            var reports = new List<Tensor>();
            var logits = new List<Tensor>();
            for (var i = 0; i < cases.Count; i += batch)
            {
                var chunk = cases.Skip(i).Take(batch).ToList();
                var (x, ids, _, _) = PretrainTrainer.Batch(chunk, size);
                var output = model.Forward(x, ids);
                images.Add(output.Images);
                reports.Add(output.Reports);
                logits.Add(output.TagLogits);
            }
            var n = cases.Count;
            var (imageEmbeddings, reportEmbeddings) = (cat(images, 0), cat(reports, 0));
            var similarity = imageEmbeddings.matmul(reportEmbeddings.t()).contiguous().data<float>().ToArray();
            float[] Gram(Tensor e) => e.matmul(e.t()).contiguous().data<float>().ToArray();
            var scores = cat(logits, 0).contiguous().data<float>().ToArray();
            var tags = (int)logits[0].shape[1];
            return new PretrainScores(step,
                RetrievalMetrics.RecallAtK(similarity, n, 1),
                RetrievalMetrics.RecallAtK(similarity, n, 5),
                RetrievalMetrics.MeanAveragePrecision(scores, [.. cases.SelectMany(c => c.Targets)], [.. cases.SelectMany(c => c.Known)], tags),
                n,
                n < 2 ? double.NaN : RetrievalMetrics.MeanOffDiagonal(Gram(imageEmbeddings), n),
                n < 2 ? double.NaN : RetrievalMetrics.MeanOffDiagonal(Gram(reportEmbeddings), n));
        }
        finally
        {
            model.train(training);
        }
    }

    /// <summary>The pixel-tag attention [K, d, h, w] of one case (eval mode, no gradients), as a CPU tensor the caller disposes.</summary>
    public static Tensor Attention(PretrainModel model, PretrainCase c, int size)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(c);
        var training = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var (x, ids, _, _) = PretrainTrainer.Batch([c], size);
            return model.Forward(x, ids).Attention[0].detach().cpu().MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(training);
        }
    }
}
