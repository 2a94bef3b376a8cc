using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Export;

namespace Mosmos.Trainer.Tests.Cli;

/// <summary>finetune → export → evaluate → publish on a tiny dataset, through the verbs' own entry points.</summary>
public sealed class TrainerVerbsTests
{
    [Fact]
    public void FinetuneExportEvaluatePublish()
    {
        using var tmp = new TempFolder();
        var data = Path.Combine(tmp.Path, "data");
        TinyData.Write(data);
        var run = Path.Combine(tmp.Path, "run");
        string[] finetune = ["--data", data, "--out", run, "--steps", "3", "--patch", "16", "--spacing", "2", "--batch", "1",
            "--widths", "4,8,16", "--warmup", "1", "--checkpoint-every", "2"];
        Assert.Equal(0, FinetuneCommand.Run(new Arguments(finetune, FinetuneCommand.Flags)));
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-000002")));
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-000003")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(run, "training-curve.png")).Length > 100);

        // Resuming a finished run with more steps continues from step 3.
        finetune[5] = "4";
        Assert.Equal(0, FinetuneCommand.Run(new Arguments(finetune, FinetuneCommand.Flags)));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);

        var model = Path.Combine(tmp.Path, "model.onnx");
        Assert.Equal(0, ExportCommand.Run(new Arguments([run, "--out", model, "--version", "0.1.0"], new HashSet<string>())));
        var card = OnnxExporter.ReadCard(model);
        Assert.Equal([2.0, 2.0, 2.0], card.SpacingMm);
        Assert.Equal("kidney_right", card.Labels[2]);
        Assert.False(card.PostProcessing.LargestComponent || card.PostProcessing.FillHoles);

        // The card's post-processing is the export's to set; evaluate then applies it as the worker does.
        // So are float16 probabilities (evaluate widens them) and the description of the training data.
        var cleaned = Path.Combine(tmp.Path, "cleaned.onnx");
        Assert.Equal(0, ExportCommand.Run(new Arguments([run, "--out", cleaned, "--largest-component", "--fill-holes", "--probabilities", "fp16",
            "--training-data", "TinyData, 2 studies"], ExportCommand.Flags)));
        var cleanedCard = OnnxExporter.ReadCard(cleaned);
        Assert.True(cleanedCard.PostProcessing is { LargestComponent: true, FillHoles: true });
        Assert.Equal("TinyData, 2 studies", cleanedCard.Training?.Data);
        Assert.Equal(0, EvaluateCommand.Run(new Arguments(["--model", cleaned, "--data", data, "--out", Path.Combine(tmp.Path, "eval-cleaned")], new HashSet<string>())));
        var wrong = Assert.Throws<UsageException>(() => ExportCommand.Run(new Arguments([run, "--out", cleaned, "--probabilities", "int8"], ExportCommand.Flags)));
        Assert.Contains("fp32 or fp16", wrong.Message, StringComparison.Ordinal);

        var report = Path.Combine(tmp.Path, "eval");
        Assert.Equal(0, EvaluateCommand.Run(new Arguments(["--model", model, "--data", data, "--out", report], new HashSet<string>())));
        var markdown = File.ReadAllText(Path.Combine(report, "evaluation.md"));
        Assert.Contains("| kidney_left |", markdown, StringComparison.Ordinal);
        Assert.Contains("| tiny-1 |", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(report, "dice.png")));
        Assert.True(File.Exists(Path.Combine(report, "overlays", "tiny-0.png")));

        Assert.Equal(0, PublishCommand.Run(new Arguments([model, "--registry", Path.Combine(tmp.Path, "reg")], new HashSet<string>())));
        Assert.True(File.Exists(Path.Combine(tmp.Path, "reg", "mosmos-unet", "0.1.0", "model.onnx.sha256")));
    }
}
