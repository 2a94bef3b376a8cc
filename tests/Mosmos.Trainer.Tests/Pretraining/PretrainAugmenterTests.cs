using Mosmos.Trainer.Pretraining;
using Mosmos.Trainer.Text;
using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

public sealed class PretrainAugmenterTests
{
    private const long Pad = 0, Cls = 2, Sep = 3, Period = 9;

    // [CLS] a . b . c . [SEP] [PAD] [PAD]
    private static readonly long[] Report = [Cls, 11, Period, 12, Period, 13, Period, Sep, Pad, Pad];

    private static Func<int, bool> At(long[] tokens) => i => tokens[i] == Period;

    private static int[] Boundaries(long[] tokens) => PretrainAugmenter.SentenceBoundaries(tokens, At(tokens), Pad);

    [Fact]
    public void SentenceBoundariesFollowThePeriodsBetweenClsAndSep()
    {
        Assert.Equal([1, 3, 5, 7], PretrainAugmenter.SentenceBoundaries(Report, At(Report), Pad));
        Assert.Equal([1, 4, 6], Boundaries([Cls, 11, 12, Period, 13, Period, Sep]));
        Assert.Equal([1, 3], Boundaries([Cls, 11, 12, Sep, Pad]));   // no period: one sentence
        Assert.Empty(Boundaries([Cls, Sep, Pad, Pad]));                // empty report
        // Cut at the token limit (no [SEP]): the last piece stays outside the sentences, like [SEP].
        Assert.Equal([1, 3, 4], Boundaries([Cls, 11, Period, 12, 13]));
    }

    [Fact]
    public void AReportsSentencesEndAtPeriodsButNotAtDecimalPoints()
    {
        var tokenizer = ReportTokenizer.Load(ReportTokenizer.DefaultVocabularyPath);
        const string report = "TECHNIQUE: Axial images were reconstructed at 7.19 mm. FINDINGS: Status post cholecystectomy. No ascites";
        var tokens = PretrainCase.Pad(tokenizer.Encode(report, 64), 64, tokenizer.PadId);
        var bounds = PretrainData.Sentences(tokenizer, tokens);
        var sentences = bounds.Zip(bounds[1..], (a, b) => tokenizer.Decode(tokens[a..b].Select(t => (int)t))).ToArray();
        Assert.Equal(3, sentences.Length);
        Assert.Matches(@"7 ?\. ?19 mm ?\.$", sentences[0]);   // the decoder spaces punctuation
        Assert.Matches(@"cholecystectomy ?\.$", sentences[1]);
        Assert.Contains("ascites", sentences[2], StringComparison.Ordinal);
    }

    [Fact]
    public void DroppedSentencesLeaveTheOthersInOrderAndTheLengthPadded()
    {
        var bounds = PretrainAugmenter.SentenceBoundaries(Report, At(Report), Pad);
        var seen = new HashSet<string>();
        for (var seed = 0; seed < 200; seed++)
        {
            var dropped = PretrainAugmenter.DropSentences(Report, bounds, 0.5, Pad, new StepRandom(seed, 0, 2));
            Assert.Equal(Report.Length, dropped.Length);
            Assert.Equal(Cls, dropped[0]);
            var body = dropped.TakeWhile(t => t != Sep).Skip(1).ToArray();
            Assert.NotEmpty(body);   // at least one sentence stays
            Assert.Equal(0, body.Length % 2);
            Assert.All(body.Chunk(2), s => Assert.Equal(Period, s[1]));
            var words = body.Where(t => t != Period).ToArray();
            Assert.Equal(words.Order(), words);   // order kept
            Assert.Equal(Sep, dropped[body.Length + 1]);
            Assert.All(dropped[(body.Length + 2)..], t => Assert.Equal(Pad, t));
            seen.Add(string.Join(',', words));
        }
        Assert.Equal(7, seen.Count);   // every non-empty subset of three sentences occurs
        Assert.Same(Report, PretrainAugmenter.DropSentences(Report, bounds, 0, Pad, new StepRandom(1, 0, 2)));
    }

    [Fact]
    public void AlmostCertainDropoutStillKeepsOneSentence()
    {
        var bounds = PretrainAugmenter.SentenceBoundaries(Report, At(Report), Pad);
        var dropped = PretrainAugmenter.DropSentences(Report, bounds, 0.999999, Pad, new StepRandom(3, 1, 2));
        Assert.Equal(4, dropped.Count(t => t != Pad));   // [CLS] w . [SEP]
    }

    [Fact]
    public void ImagesKeepLeftAndRightAirAtTheBorderAndDifferPerPair()
    {
        const int s = 32;
        const float floor = -2f;
        // A bright block in the image's low-x half (one side of the patient), air elsewhere, twice in the batch.
        var volume = full(new long[] { 1, 1, s, s, s }, floor);
        volume[.., .., 10..22, 8..24, 4..12] = tensor(1f);
        var batch = cat([volume, volume], 0);
        for (var seed = 0; seed < 20; seed++)
        {
            using var scope = NewDisposeScope();
            var rng = new StepRandom(seed, 7, 2);
            var augmented = PretrainAugmenter.Images(batch, floor, rng);
            Assert.Equal(batch.shape, augmented.shape);
            for (var b = 0; b < 2; b++)
            {
                var bright = augmented[b, 0] > 0;
                var xs = nonzero(bright)[.., 2].to_type(ScalarType.Float32);
                Assert.True(xs.numel() > 0, "the block is still there");
                Assert.True(xs.mean().item<float>() < s / 2 - 4, $"seed {seed}, pair {b}: the block moved across the midline");
                // The corners are outside the patient before and after: air (up to intensity change and noise).
                Assert.True(augmented[b, 0, 0, 0, ^1].item<float>() < -1.5f, $"seed {seed}: corner is not air");
            }
            Assert.True((augmented[0] - augmented[1]).abs().max().item<float>() > 1e-3, "both copies got the same augmentation");
        }
    }

    [Fact]
    public void ImagesAreReproducibleFromTheStepRandom()
    {
        var images = randn(new long[] { 2, 1, 16, 16, 16 });
        var a = PretrainAugmenter.Images(images, -2f, new StepRandom(4, 9, 2));
        var b = PretrainAugmenter.Images(images, -2f, new StepRandom(4, 9, 2));
        var c = PretrainAugmenter.Images(images, -2f, new StepRandom(4, 10, 2));
        Assert.Equal(0f, (a - b).abs().max().item<float>());
        Assert.True((a - c).abs().max().item<float>() > 1e-3);
    }
}
