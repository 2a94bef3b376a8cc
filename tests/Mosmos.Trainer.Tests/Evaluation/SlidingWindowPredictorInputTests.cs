using Mosmos.Trainer.Evaluation;

namespace Mosmos.Trainer.Tests.Evaluation;

/// <summary>A model path that is missing or not ONNX gives the CLI's clear-error exceptions, not a crash.</summary>
public sealed class SlidingWindowPredictorInputTests
{
    [Fact]
    public void MissingModelFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "mosmos-no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        var e = Assert.Throws<FileNotFoundException>(() => new SlidingWindowPredictor(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(4096)]
    public void GarbageModelFileIsRefusedClearly(int length)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "garbage.onnx");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidOperationException>(() => new SlidingWindowPredictor(path));
        Assert.Contains("not a loadable ONNX model", e.Message, StringComparison.Ordinal);
    }
}
