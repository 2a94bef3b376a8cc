using Microsoft.ML.OnnxRuntime;
using Mosmos.Contracts;
using Mosmos.Onnx;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Export;

public sealed class OnnxExporterTests(ITestOutputHelper output)
{
    private static readonly ModelCard Card = new()
    {
        Name = "test-unet",
        Version = "0.0.1",
        Modality = "CT",
        Labels = new Dictionary<int, string> { [1] = "kidney_left", [2] = "kidney_right", [3] = "spleen" },
        SpacingMm = [3, 3, 3],
        Intensity = Mosmos.Trainer.Data.Intensity.AbdomenCt,
        PatchSize = [32, 32, 32],
        Training = new TrainingSummary { Data = "tiny", Studies = 2 },
    };

    /// <summary>A network trained 3 AdamW steps so the InstanceNorm affine parameters are not the identity.</summary>
    private static UNet3d TrainedModel()
    {
        var model = SegmentationTrainer.CreateModel(new UNetConfig(4, [4, 8, 16], DeepSupervision: true), seed: 11);
        using var opt = TorchSharp.torch.optim.AdamW(model.parameters(), 1e-2);
        for (var i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            SegmentationLoss.Compute(model.ForwardAll(randn([1, 1, 16, 16, 16])), randint(0, 4, [1, 16, 16, 16])).backward();
            opt.step();
        }
        return model;
    }

    [Theory]
    [InlineData(32, 32, 32)]
    [InlineData(16, 32, 24)]
    public void OnnxRuntimeMatchesTorchSharp(int d, int h, int w)
    {
        using var tmp = new TempFolder();
        using var model = TrainedModel();
        var path = Path.Combine(tmp.Path, "model.onnx");
        OnnxExporter.Write(model, Card, path);

        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var input = randn([1, 1, d, h, w]);
        model.eval();
        float[] torchLogits, torchProbs;
        long[] torchLabels;
        using (no_grad())
        {
            var logits = model.forward(input);
            torchLogits = logits.data<float>().ToArray();
            torchProbs = nn.functional.softmax(logits, 1).data<float>().ToArray();
            torchLabels = logits.argmax(1).data<long>().ToArray();
        }

        using var session = new InferenceSession(path);
        using var inValue = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), [1, 1, d, h, w]);
        using var outputs = session.Run(new RunOptions(), ["image"], [inValue], ["logits", "probs", "labels"]);
        var ortLogits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var ortProbs = outputs[1].GetTensorDataAsSpan<float>().ToArray();
        var ortLabels = outputs[2].GetTensorDataAsSpan<long>().ToArray();

        Assert.Equal(torchLogits.Length, ortLogits.Length);
        var dLogits = torchLogits.Zip(ortLogits, (a, b) => Math.Abs(a - b)).Max();
        var dProbs = torchProbs.Zip(ortProbs, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{d}x{h}x{w}: max |Δlogits| = {dLogits:E2}, max |Δprobs| = {dProbs:E2}");
        Assert.True(dLogits < 1e-4, $"max |Δlogits| = {dLogits:E2}");
        Assert.True(dProbs < 1e-4, $"max |Δprobs| = {dProbs:E2}");
        Assert.Equal(torchLabels, ortLabels);
    }

    /// <summary>
    /// <c>--probabilities fp16</c>: the probabilities leave the graph as float16 (half-precision rounding of the
    /// float32 Softmax, ≤ 2^-11 relative), logits and labels stay exact, and the argmax of the float16 probabilities
    /// differs from TorchSharp's only where its two best classes are closer than the rounding.
    /// </summary>
    [Fact]
    public void Fp16ProbabilitiesMatchTorchSharpToHalfPrecision()
    {
        using var tmp = new TempFolder();
        using var model = TrainedModel();
        var path = Path.Combine(tmp.Path, "model.onnx");
        OnnxExporter.Write(model, Card, path, ProbabilityPrecision.Fp16);

        using var scope = NewDisposeScope();
        random.manual_seed(6);
        var input = randn([1, 1, 24, 32, 16]);
        model.eval();
        float[] torchProbs;
        long[] torchLabels;
        using (no_grad())
        {
            var logits = model.forward(input);
            torchProbs = nn.functional.softmax(logits, 1).data<float>().ToArray();
            torchLabels = logits.argmax(1).data<long>().ToArray();
        }

        using var session = new InferenceSession(path);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16, session.OutputMetadata["probs"].ElementDataType);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, session.OutputMetadata["logits"].ElementDataType);
        using var inValue = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), [1, 1, 24, 32, 16]);
        using var outputs = session.Run(new RunOptions(), ["image"], [inValue], ["probs", "labels"]);
        var ortProbs = System.Runtime.InteropServices.MemoryMarshal.Cast<Float16, Half>(outputs[0].GetTensorDataAsSpan<Float16>()).ToArray()
            .Select(h => (float)h).ToArray();
        var ortLabels = outputs[1].GetTensorDataAsSpan<long>().ToArray();

        var dProbs = torchProbs.Zip(ortProbs, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"fp16: max |Δprobs| = {dProbs:E2}");
        Assert.True(dProbs < 1e-3, $"max |Δprobs| = {dProbs:E2}");
        Assert.Equal(torchLabels, ortLabels);
        var voxels = torchLabels.Length;
        var classes = torchProbs.Length / voxels;
        var disagreements = 0;
        for (var v = 0; v < voxels; v++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
                if (ortProbs[c * voxels + v] > ortProbs[best * voxels + v]) best = c;
            if (best == torchLabels[v]) continue;
            disagreements++;
            var margin = torchProbs[(int)torchLabels[v] * voxels + v] - torchProbs[best * voxels + v];
            Assert.True(margin < 1e-3, $"voxel {v}: float16 argmax {best}, TorchSharp {torchLabels[v]}, margin {margin:E2}");
        }
        output.WriteLine($"fp16: argmax differs on {disagreements} of {voxels} voxels, each a near-tie");
    }

    [Fact]
    public void InitializersAreNamedLikeTheStateDictAndTheGraphIsOpset17()
    {
        using var model = TrainedModel();
        var proto = OnnxExporter.Build(model, Card);
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, Assert.Single(proto.OpsetImport).Version);
        var expected = model.state_dict().Keys.Where(k => !k.StartsWith("decoder.aux.", StringComparison.Ordinal)).Order();
        Assert.Equal(expected, proto.Graph.Initializer.Select(i => i.Name).Order());
        Assert.Equal(["logits", "probs", "labels"], proto.Graph.Output.Select(o => o.Name));
        var dims = Assert.Single(proto.Graph.Input).Type.TensorType.Shape.Dim;
        Assert.Equal(["N", "", "D", "H", "W"], dims.Select(x => x.DimParam));
    }

    [Fact]
    public void ModelCardRoundTripsThroughTheFile()
    {
        using var tmp = new TempFolder();
        using var model = TrainedModel();
        var path = Path.Combine(tmp.Path, "model.onnx");
        OnnxExporter.Write(model, Card, path);

        var read = OnnxExporter.ReadCard(path);
        Assert.Equal(ModelCardSerializer.Serialize(Card), ModelCardSerializer.Serialize(read));
        using var session = new InferenceSession(path);
        Assert.Equal(ModelCardSerializer.Serialize(Card), session.ModelMetadata.CustomMetadataMap[ModelCard.MetadataKey]);
    }

    [Fact]
    public void ACardThatDoesNotFitTheNetworkIsRefused()
    {
        using var model = new UNet3d(new UNetConfig(3, [4, 8]));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Build(model, Card));
        Assert.Throws<InvalidModelCardException>(() => OnnxExporter.Build(model, Card with { Version = "" }));
    }
}
