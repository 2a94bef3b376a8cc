using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Mosmos.Contracts;
using Mosmos.Onnx;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Model;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Tests.Pretraining;

/// <summary>The fine-tuned MOSMOS network and the text encoder through our exporter, against ONNX Runtime.</summary>
public sealed class MosmosExportTests(ITestOutputHelper output)
{
    private static readonly string[] Tags = ["kidney_left", "kidney_right", "spleen", "liver"];

    private static readonly ModelCard Card = new()
    {
        Name = "test-mosmos",
        Version = "0.0.1",
        Modality = "CT",
        Labels = new Dictionary<int, string> { [1] = "kidney_left", [2] = "kidney_right", [3] = "spleen" },
        SpacingMm = [3, 3, 3],
        Intensity = Mosmos.Trainer.Data.Intensity.AbdomenCt,
        PatchSize = [32, 32, 32],
        Tags = Tags,
        AttentionOutputName = "attention",
        Training = new TrainingSummary { Data = "tiny", Lambda = 0.3 },
    };

    /// <summary>Every weight perturbed (LayerNorm and InstanceNorm affine included) so nothing is an identity.</summary>
    private static UNet3d Network()
    {
        random.manual_seed(21);
        var head = new TagHeadConfig(Tags, EmbedDim: 12, Heads: 2, Layers: 2, MlpRatio: 2);
        var model = new UNet3d(new UNetConfig(4, [4, 8, 16], DeepSupervision: true, AttentionChannels: Tags.Length, TagHead: head));
        using var _ = no_grad();
        foreach (var p in model.parameters()) p.add_(randn_like(p) * 0.2);
        return model;
    }

    [Theory]
    [InlineData(32, 32, 32)]
    [InlineData(16, 32, 24)]
    public void OnnxRuntimeMatchesTorchSharpIncludingTheAttentionOutput(int d, int h, int w)
    {
        using var tmp = new TempFolder();
        using var model = Network();
        var path = Path.Combine(tmp.Path, "mosmos.onnx");
        OnnxExporter.Write(model, Card, path);

        using var scope = NewDisposeScope();
        random.manual_seed(6);
        var input = randn([1, 1, d, h, w]);
        model.eval();
        float[] torchLogits, torchProbs, torchAttention;
        long[] torchLabels;
        using (no_grad())
        {
            var (levels, attention) = model.ForwardWithAttention(input);
            torchLogits = levels[0].data<float>().ToArray();
            torchProbs = nn.functional.softmax(levels[0], 1).data<float>().ToArray();
            torchLabels = levels[0].argmax(1).data<long>().ToArray();
            torchAttention = TagDecoder.Normalise(attention!).contiguous().data<float>().ToArray();
        }

        using var session = new InferenceSession(path);
        using var inValue = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), [1, 1, d, h, w]);
        using var outputs = session.Run(new RunOptions(), ["image"], [inValue], ["logits", "probs", "labels", "attention"]);
        Assert.Equal([1L, Tags.Length, d / 4, h / 4, w / 4], outputs[3].GetTensorTypeAndShape().Shape);
        var dLogits = MaxDiff(torchLogits, outputs[0].GetTensorDataAsSpan<float>().ToArray());
        var dProbs = MaxDiff(torchProbs, outputs[1].GetTensorDataAsSpan<float>().ToArray());
        var dAttention = MaxDiff(torchAttention, outputs[3].GetTensorDataAsSpan<float>().ToArray());
        output.WriteLine($"{d}x{h}x{w}: max |Δlogits| = {dLogits:E2}, |Δprobs| = {dProbs:E2}, |Δattention| = {dAttention:E2}");
        Assert.True(dLogits < 1e-4, $"max |Δlogits| = {dLogits:E2}");
        Assert.True(dProbs < 1e-4, $"max |Δprobs| = {dProbs:E2}");
        Assert.True(dAttention < 1e-4, $"max |Δattention| = {dAttention:E2}");
        Assert.Equal(torchLabels, outputs[2].GetTensorDataAsSpan<long>().ToArray());
    }

    [Fact]
    public void TagEmbeddingsAreFrozenIntoTheGraphAndTheCardListsTagsAndLambda()
    {
        using var tmp = new TempFolder();
        using var model = Network();
        var proto = OnnxExporter.Build(model, Card);
        // Exported: every state_dict entry but the training-only deep-supervision heads and the tag logits' final
        // LayerNorm and classifier (inference needs the attention maps only).
        string[] trainingOnly = ["decoder.aux.", "tags.norm.", "tags.classifier"];
        var expected = model.state_dict().Keys.Where(k => !trainingOnly.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order();
        Assert.Equal(expected, proto.Graph.Initializer.Select(i => i.Name).Order());
        Assert.Contains("tagQueries", proto.Graph.Initializer.Select(i => i.Name));
        Assert.Equal(["image"], proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(["logits", "probs", "labels", "attention"], proto.Graph.Output.Select(o => o.Name));

        var path = Path.Combine(tmp.Path, "m.onnx");
        OnnxExporter.Write(model, Card, path);
        var card = OnnxExporter.ReadCard(path);
        Assert.Equal(Tags, card.Tags);
        Assert.Equal(0.3, card.Training!.Lambda);
        Assert.Equal("attention", card.AttentionOutputName);

        // Without the card flag there is no second output.
        var plain = OnnxExporter.Build(model, Card with { AttentionOutputName = null });
        Assert.Equal(["logits", "probs", "labels"], plain.Graph.Output.Select(o => o.Name));
    }

    [Fact]
    public void ACardWhoseTagsDoNotFitTheNetworkIsRefused()
    {
        using var model = Network();
        Assert.Throws<ArgumentException>(() => OnnxExporter.Build(model, Card with { Tags = ["spleen"] }));
        // A card that contradicts itself is refused by the card contract before the exporter looks at the network.
        Assert.Contains("attentionOutputName must name an output other than outputName",
            Assert.Throws<InvalidModelCardException>(() => OnnxExporter.Build(model, Card with { AttentionOutputName = "probs" })).Message, StringComparison.Ordinal);
        using var unet = new UNet3d(new UNetConfig(4, [4, 8, 16]));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Build(unet, Card));
        Assert.Contains("attentionOutputName needs the tags of its maps",
            Assert.Throws<InvalidModelCardException>(() => OnnxExporter.Build(unet, Card with { Tags = [] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTextEncoderExportsWithPaddingMasks()
    {
        using var tmp = new TempFolder();
        random.manual_seed(8);
        using var encoder = new TextEncoder(vocabularySize: 20, maxTokens: 10, dim: 12, heads: 2, layerCount: 2, mlpRatio: 2);
        using (no_grad())
        {
            foreach (var p in encoder.parameters()) p.add_(randn_like(p) * 0.2);
        }
        var g = new OnnxGraph();
        var pooled = encoder.ExportPooled(g, "ids", padId: 0, "text");
        g.Rename(pooled, "pooled");
        g.Proto.Input.Add(OnnxGraph.Value("ids", TensorProto.Types.DataType.Int64, "N", "T"));
        g.Proto.Output.Add(OnnxGraph.Value("pooled", TensorProto.Types.DataType.Float, "N", "C"));
        var proto = new ModelProto { IrVersion = OnnxExporter.IrVersion, Graph = g.Proto };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExporter.Opset });
        var path = Path.Combine(tmp.Path, "text.onnx");
        File.WriteAllBytes(path, proto.ToByteArray());

        using var scope = NewDisposeScope();
        long[] ids = [2, 5, 6, 7, 3, 0, 0, 2, 9, 8, 11, 12, 13, 3];
        float[] expected;
        using (no_grad()) expected = encoder.Pooled(tensor(ids, [2, 7]), 0).data<float>().ToArray();
        using var session = new InferenceSession(path);
        using var inValue = OrtValue.CreateTensorValueFromMemory(ids, [2, 7]);
        using var outputs = session.Run(new RunOptions(), ["ids"], [inValue], ["pooled"]);
        var diff = MaxDiff(expected, outputs[0].GetTensorDataAsSpan<float>().ToArray());
        output.WriteLine($"text encoder: max |Δ| = {diff:E2}");
        Assert.True(diff < 1e-4, $"max |Δ| = {diff:E2}");

        // Padding is masked: changing the ids under the padding leaves the first row's features unchanged.
        using (no_grad())
        {
            var again = encoder.Pooled(tensor(new long[] { 2, 5, 6, 7, 3, 0, 0 }, [1, 7]), 0).data<float>().ToArray();
            var shorter = encoder.Pooled(tensor(new long[] { 2, 5, 6, 7, 3 }, [1, 5]), 0).data<float>().ToArray();
            Assert.True(MaxDiff(again, shorter) < 1e-5);
        }
    }

    private static float MaxDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }
}
