using Mosmos.Trainer.Pretraining;

namespace Mosmos.Trainer.Tests.Pretraining;

public sealed class RetrievalMetricsTests
{
    [Fact]
    public void RecallCountsImagesWhoseOwnReportRanksWithinK()
    {
        // Image 0 finds its report first; image 1 second; image 2 third (two reports score higher).
        float[] similarity =
        [
            0.9f, 0.1f, 0.2f,
            0.8f, 0.7f, 0.1f,
            0.5f, 0.6f, 0.4f,
        ];
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAtK(similarity, 3, 1), 10);
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAtK(similarity, 3, 2), 10);
        Assert.Equal(1.0, RetrievalMetrics.RecallAtK(similarity, 3, 5), 10);
        // A tie with the true report counts against the image.
        Assert.Equal(0.0, RetrievalMetrics.RecallAtK([1, 1, 1, 1], 2, 1), 10);
    }

    [Fact]
    public void AveragePrecisionIsTheMeanPrecisionAtEachPositive()
    {
        // Ranked +, −, +: precision 1/1 and 2/3.
        Assert.Equal((1 + 2.0 / 3) / 2, RetrievalMetrics.AveragePrecision([(0.9, true), (0.8, false), (0.7, true)]), 10);
        // A constant score ranks negatives first: AP of 2 positives among 4 = (1/3 + 2/4) / 2.
        Assert.Equal((1.0 / 3 + 2.0 / 4) / 2, RetrievalMetrics.AveragePrecision([(0, true), (0, false), (0, true), (0, false)]), 10);
        Assert.True(double.IsNaN(RetrievalMetrics.AveragePrecision([(0.3, false)])));
    }

    [Fact]
    public void MeanAveragePrecisionSkipsUnknownEntriesAndTagsWithoutPositives()
    {
        // 3 cases × 2 tags. Tag 0: scores 0.9(+), 0.1(−), 0.5(unknown) → AP 1. Tag 1: only negatives → skipped.
        float[] scores = [0.9f, 0.2f, 0.1f, 0.3f, 0.5f, 0.4f];
        float[] targets = [1, 0, 0, 0, 0, 0];
        float[] known = [1, 1, 1, 1, 0, 1];
        Assert.Equal(1.0, RetrievalMetrics.MeanAveragePrecision(scores, targets, known, 2), 10);
        // Make the unknown case a known negative scoring above the positive: AP(tag 0) = 1/2.
        known[4] = 1;
        scores[4] = 0.95f;
        Assert.Equal(0.5, RetrievalMetrics.MeanAveragePrecision(scores, targets, known, 2), 10);
    }

    [Fact]
    public void MeanOffDiagonalIsOneForIdenticalEmbeddingsAndIgnoresTheDiagonal()
    {
        Assert.Equal(1.0, RetrievalMetrics.MeanOffDiagonal([1, 1, 1, 1, 1, 1, 1, 1, 1], 3), 10);
        // Two orthogonal and one opposite: (0 + -1 + 0 + 0 + -1 + 0) / 6.
        float[] gram = [1, 0, -1, 0, 1, 0, -1, 0, 1];
        Assert.Equal(-1.0 / 3, RetrievalMetrics.MeanOffDiagonal(gram, 3), 6);
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.MeanOffDiagonal([1], 1));
        Assert.Throws<ArgumentException>(() => RetrievalMetrics.MeanOffDiagonal([1, 0, 0], 2));
    }
}
