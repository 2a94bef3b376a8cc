using System.Text.Json.Nodes;
using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Pretraining;
using Mosmos.Trainer.Text;
using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

public sealed class PretrainTrainerTests
{
    internal static readonly PretrainOptions Tiny = new()
    {
        Steps = 6, BatchSize = 2, Size = 16, SpacingMm = 2, Widths = [4, 8, 16], EmbedDim = 12, Heads = 2, TextLayers = 1,
        DecoderLayers = 1, ContextTokens = 2, MaxTokens = 24, WarmupSteps = 1, ValidationFraction = 0.25, CheckpointEvery = 100, Seed = 5,
    };

    [Fact]
    public void ResumingFromACheckpointGivesTheSameNextStep()
    {
        using var tmp = new TempFolder();
        var (data, tokenizer) = Load(tmp.Path);
        var run = Path.Combine(tmp.Path, "run");
        var network = PretrainCommand.NetworkFor(Tiny, data.Tags, tokenizer);

        using var first = new PretrainTrainer(PretrainTrainer.CreateModel(network, Tiny.Seed), Tiny, data.Train);
        first.RunStep();
        first.RunStep();
        var checkpoint = first.SaveCheckpoint(run, "data", "vocab.txt");
        var expected = first.RunStep();
        var expectedWeights = Flatten(first.Model);

        Assert.True(PretrainCheckpoint.IsPretraining(checkpoint));
        using var resumed = PretrainTrainer.Resume(checkpoint, data.Train);
        Assert.Equal(2, resumed.Step);
        var actual = resumed.RunStep();
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.LearningRate, actual.LearningRate);
        Assert.Equal(expected.Loss, actual.Loss, 1e-6);
        Assert.Equal(expected.Contrastive, actual.Contrastive, 1e-6);
        Assert.Equal(expected.Temperature, actual.Temperature, 1e-6);
        var maxDiff = expectedWeights.Zip(Flatten(resumed.Model), (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-6, $"max |Δ weight| = {maxDiff:E2}");
    }

    [Fact]
    public void ACheckpointFromBeforeTheContrastiveHeadChoicesAndAugmentationResumesAsItWasMade()
    {
        using var tmp = new TempFolder();
        var (data, tokenizer) = Load(tmp.Path);
        var options = Tiny with { ImagePooling = ImagePooling.Mean, EmbeddingBatchNorm = false, Augment = false, SentenceDropout = 0 };
        var network = PretrainCommand.NetworkFor(options, data.Tags, tokenizer);
        string checkpoint;
        using (var old = new PretrainTrainer(PretrainTrainer.CreateModel(network, options.Seed), options, data.Train))
        {
            old.RunStep();
            checkpoint = old.SaveCheckpoint(Path.Combine(tmp.Path, "run"), "data", "vocab.txt");
        }
        var statePath = Path.Combine(checkpoint, Checkpoint.StateFile);
        var state = JsonNode.Parse(File.ReadAllText(statePath))!;
        foreach (var part in new[] { "network", "options" })
            foreach (var property in new[] { "imagePooling", "embeddingBatchNorm" })
                Assert.True(state[part]!.AsObject().Remove(property), $"{part}.{property}");
        foreach (var property in new[] { "augment", "sentenceDropout" })
            Assert.True(state["options"]!.AsObject().Remove(property), $"options.{property}");
        File.WriteAllText(statePath, state.ToJsonString());

        using var resumed = PretrainTrainer.Resume(checkpoint, data.Train);
        Assert.False(resumed.Options.Augment);
        Assert.Equal(0, resumed.Options.SentenceDropout);
        Assert.Equal(ImagePooling.Mean, resumed.Model.Network.ImagePooling);
        Assert.False(resumed.Model.Network.EmbeddingBatchNorm);
        Assert.DoesNotContain(resumed.Model.state_dict().Keys, k => k.StartsWith("imagePool.", StringComparison.Ordinal) || k.EndsWith("Norm.running_mean", StringComparison.Ordinal));
        Assert.True(double.IsFinite(resumed.RunStep().Loss));

        using var current = PretrainTrainer.CreateModel(PretrainCommand.NetworkFor(Tiny, data.Tags, tokenizer), Tiny.Seed);
        Assert.Equal(ImagePooling.Attention, current.Network.ImagePooling);
        Assert.True(current.Network.EmbeddingBatchNorm);
        Assert.True(Tiny.Augment);
        Assert.Equal(0.3, Tiny.SentenceDropout);
        Assert.Contains("imagePool.query", current.state_dict().Keys);
        Assert.Contains("reportNorm.running_mean", current.state_dict().Keys);
    }

    [Fact]
    public void TagTargetsSayPresenceOrFindingsAndUnstatedOrgansAreUnknown()
    {
        var states = new Dictionary<string, Datasets.OrganTag>
        {
            ["kidney_left"] = Datasets.OrganTag.Absent, ["kidney_right"] = Datasets.OrganTag.Abnormal, ["spleen"] = Datasets.OrganTag.Present,
        };
        string[] tags = ["kidney_left", "kidney_right", "spleen", "liver"];
        var (presence, knownPresence) = PretrainCase.TagTargets(states, tags);
        Assert.Equal([0f, 1f, 1f, 0f], presence);
        Assert.Equal([1f, 1f, 1f, 0f], knownPresence);
        // Findings: an absent organ has none to look for, so it is left out rather than counted as normal.
        var (findings, knownFindings) = PretrainCase.TagTargets(states, tags, TagTargets.Findings);
        Assert.Equal([0f, 1f, 0f, 0f], findings);
        Assert.Equal([0f, 1f, 1f, 0f], knownFindings);
    }

    [Fact]
    public void TrainingPairsAndHeldOutPairsAreDisjointAndTagsComeFromTheDataset()
    {
        using var tmp = new TempFolder();
        var (data, _) = Load(tmp.Path);
        Assert.Equal(["kidney_left", "kidney_right", "spleen"], data.Tags);
        Assert.Equal(8, data.Train.Count + data.Validation.Count);
        Assert.Equal(2, data.Validation.Count);
        Assert.Empty(data.Train.Select(c => c.Id).Intersect(data.Validation.Select(c => c.Id)));
        var nephrectomy = data.Train.Concat(data.Validation).Single(c => c.Id == "pair-01");
        Assert.Equal([0f, 1f, 0f], nephrectomy.Targets);
        Assert.Equal([1f, 1f, 0f], nephrectomy.Known);   // spleen not stated in odd cases
        Assert.Equal(16 * 16 * 16, nephrectomy.Image.Length);
    }

    [Fact]
    public void AVocabularyThatCannotTellTagsApartIsRefused()
    {
        using var tmp = new TempFolder();
        var vocab = Path.Combine(tmp.Path, "specials.txt");
        File.WriteAllLines(vocab, ReportTokenizer.SpecialTokens);
        var tokenizer = ReportTokenizer.Load(vocab);
        var e = Assert.Throws<ArgumentException>(() => PretrainData.TagTokenIds(tokenizer, ["kidney_left", "kidney_right"], 16));
        Assert.Contains("kidney_right", e.Message, StringComparison.Ordinal);
    }

    internal static (PretrainData Data, ReportTokenizer Tokenizer) Load(string folder)
    {
        var dataset = TinyPairs.Write(Path.Combine(folder, "data"), cases: 8, labelled: 3);
        var tokenizer = ReportTokenizer.Load(TinyPairs.WriteVocabulary(Path.Combine(folder, "vocab.txt")));
        return (PretrainData.Load(dataset, tokenizer, Tiny), tokenizer);
    }

    private static float[] Flatten(PretrainModel model)
    {
        using var scope = NewDisposeScope();
        return cat([.. model.parameters().Select(p => p.detach().flatten())]).data<float>().ToArray();
    }
}
