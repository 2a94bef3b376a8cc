using Microsoft.ML.OnnxRuntime;
using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Data;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Pretraining;
using Mosmos.Trainer.Training;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

/// <summary>pretrain → resume → finetune --init → export --attention-output, through the verbs' entry points.</summary>
public sealed class PretrainVerbsTests
{
    private static string[] PretrainArgs(string data, string run, string vocab, int steps) =>
        ["--data", data, "--out", run, "--vocab", vocab, "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--batch", "2", "--size", "16", "--spacing", "2", "--widths", "4,8,16", "--embed-dim", "12", "--heads", "2",
         "--text-layers", "1", "--decoder-layers", "1", "--context-tokens", "2", "--max-tokens", "24", "--warmup", "1",
         "--val-fraction", "0.25", "--checkpoint-every", "2", "--tag-loss", "bce"];

    /// <summary>Tiny image–report pairs and their vocabulary in <paramref name="tmp"/>, and where the run goes.</summary>
    private static (string Data, string Vocab, string Run) Folders(TempFolder tmp, int cases, int labelled)
    {
        var data = Path.Combine(tmp.Path, "data");
        TinyPairs.Write(data, cases, labelled);
        return (data, TinyPairs.WriteVocabulary(Path.Combine(tmp.Path, "vocab.txt")), Path.Combine(tmp.Path, "pre"));
    }

    [Fact]
    public void PretrainResumeFinetuneExport()
    {
        using var tmp = new TempFolder();
        var (data, vocab, run) = Folders(tmp, cases: 8, labelled: 3);

        Assert.Equal(0, PretrainCommand.Run(new Arguments(PretrainArgs(data, run, vocab, 3), PretrainCommand.Flags)));
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-000002")));
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-000003")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        var validation = File.ReadAllLines(Path.Combine(run, "validation.csv"));
        Assert.Equal("step,recall_at_1,recall_at_5,tag_map,pairs,image_cosine,report_cosine", validation[0]);
        Assert.Equal(["2", "3"], validation.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal("2", validation[^1].Split(',')[4]);
        Assert.True(new FileInfo(Path.Combine(run, "validation.png")).Length > 100);
        Assert.True(new FileInfo(Path.Combine(run, "training-curve.png")).Length > 100);
        var index = File.ReadAllText(Path.Combine(run, "attention", "index.md"));
        Assert.Contains("| 3 | spleen |", index, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(run, "attention"), "*.png").Length);
        Assert.Equal(TagLossKind.Bce, PretrainCheckpoint.ReadState(Checkpoint.Latest(run)!).Options.TagLoss);

        // Resuming with more steps continues from step 3; the logs keep their rows.
        Assert.Equal(0, PretrainCommand.Run(new Arguments(PretrainArgs(data, run, vocab, 4), PretrainCommand.Flags)));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "validation.csv")).Length);

        var ft = Path.Combine(tmp.Path, "ft");
        string[] finetune = ["--data", data, "--out", ft, "--init", run, "--steps", "2", "--patch", "16", "--spacing", "2", "--batch", "1",
            "--widths", "4,8,16", "--warmup", "1", "--checkpoint-every", "2", "--align-weight", "0.3"];
        Assert.Equal(0, FinetuneCommand.Run(new Arguments(finetune, FinetuneCommand.Flags)));
        var state = Checkpoint.ReadState(Checkpoint.Latest(ft)!);
        Assert.Equal(["kidney_left", "kidney_right", "spleen"], state.Network.TagHead!.Tags);
        Assert.Equal(3, state.Network.AttentionChannels);
        Assert.Equal(0.3, state.Options.AlignWeight);

        var model = Path.Combine(tmp.Path, "mosmos.onnx");
        Assert.Equal(0, ExportCommand.Run(new Arguments([ft, "--out", model, "--version", "0.1.0", "--attention-output"], ExportCommand.Flags)));
        var card = OnnxExporter.ReadCard(model);
        Assert.Equal(["kidney_left", "kidney_right", "spleen"], card.Tags);
        Assert.Equal(0.3, card.Training!.Lambda);
        Assert.Equal("attention", card.AttentionOutputName);
        using (var session = new InferenceSession(model))
            Assert.Contains("attention", session.OutputMetadata.Keys);

        // The "pre-trained encoder only" ablation: no tag decoder, no attention channels.
        var encoderOnly = Path.Combine(tmp.Path, "enc");
        finetune[3] = encoderOnly;
        Assert.Equal(0, FinetuneCommand.Run(new Arguments([.. finetune, "--no-attention"], FinetuneCommand.Flags)));
        var plain = Checkpoint.ReadState(Checkpoint.Latest(encoderOnly)!).Network;
        Assert.Null(plain.TagHead);
        Assert.Equal(0, plain.AttentionChannels);
        Assert.Throws<UsageException>(() => ExportCommand.Run(new Arguments([encoderOnly, "--out", model, "--attention-output"], ExportCommand.Flags)));

        // An encoder of another shape cannot take the pre-trained weights.
        finetune[3] = Path.Combine(tmp.Path, "bad");
        finetune[Array.IndexOf(finetune, "4,8,16")] = "4,8";
        Assert.Throws<ArgumentException>(() => FinetuneCommand.Run(new Arguments(finetune, FinetuneCommand.Flags)));
    }

    [Theory]
    [InlineData("--image-pooling", "max", "'max' is not attention or mean")]
    [InlineData("--tag-targets", "organs", "'organs' is not presence or findings")]
    public void AnUnknownChoiceIsAUsageErrorAndNothingIsWritten(string option, string value, string message)
    {
        using var tmp = new TempFolder();
        var (data, vocab, run) = Folders(tmp, cases: 4, labelled: 1);
        var e = Assert.Throws<UsageException>(() =>
            PretrainCommand.Run(new Arguments([.. PretrainArgs(data, run, vocab, 1), option, value], PretrainCommand.Flags)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    public void ASentenceDropoutOutsideZeroToOneIsRefusedAndNothingIsWritten(string p)
    {
        using var tmp = new TempFolder();
        var (data, vocab, run) = Folders(tmp, cases: 4, labelled: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            PretrainCommand.Run(new Arguments([.. PretrainArgs(data, run, vocab, 1), "--sentence-dropout", p, "--no-augment"], PretrainCommand.Flags)));
        Assert.Contains("sentence-dropout must be in [0, 1)", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void FineTuningTrainsTheEncoderAndLeavesTheTagDecoderAndEmbeddingsFrozen()
    {
        using var tmp = new TempFolder();
        var (data, tokenizer) = PretrainTrainerTests.Load(tmp.Path);
        var o = PretrainTrainerTests.Tiny;
        var run = Path.Combine(tmp.Path, "pre");
        using (var pre = new PretrainTrainer(PretrainTrainer.CreateModel(PretrainCommand.NetworkFor(o, data.Tags, tokenizer), o.Seed), o, data.Train))
        {
            pre.RunStep();
            pre.SaveCheckpoint(run, "data", "vocab");
        }
        var checkpoint = Checkpoint.Latest(run)!;
        var dataset = Mosmos.Datasets.Dataset.Open(Path.Combine(tmp.Path, "data"));
        var options = new TrainingOptions { Steps = 3, Patch = 16, SpacingMm = 2, BatchSize = 1, Widths = [4, 8, 16], WarmupSteps = 1, AlignWeight = 1 };
        var model = PretrainTransfer.CreateModel(SegmentationTrainer.NetworkFor(dataset.Labels, options), 3, checkpoint, attention: true);
        using var source = PretrainCheckpoint.LoadModel(checkpoint, out _);
        using var scope = NewDisposeScope();
        Assert.Equal(0f, MaxDiff(Flatten(source.Encoder), Flatten(model.Encoder)));
        using (no_grad())
        {
            source.eval();
            Assert.True(MaxDiff(source.TagEmbeddings().flatten(), model.TagQueries!.flatten()) < 1e-6);
        }
        var tagsBefore = Flatten(model.Tags!);
        var queriesBefore = model.TagQueries!.detach().clone();
        var encoderBefore = Flatten(model.Encoder);
        using var trainer = new SegmentationTrainer(model, options, PreparedCase.FromDataset(dataset, 2, options.Intensity), dataset.Labels);
        var step = trainer.RunStep();
        Assert.True(double.IsFinite(step.Loss));
        Assert.Equal(0f, MaxDiff(tagsBefore, Flatten(model.Tags!)));
        Assert.Equal(0f, MaxDiff(queriesBefore, model.TagQueries!));
        Assert.True(MaxDiff(encoderBefore, Flatten(model.Encoder)) > 0);
    }

    private static Tensor Flatten(nn.Module module) => cat([.. module.parameters().Select(p => p.detach().flatten())]);

    private static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
