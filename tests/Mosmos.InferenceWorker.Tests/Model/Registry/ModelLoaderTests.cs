using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Model.Onnx;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Registry;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ModelLoader _loader = new(new OnnxSessionFactory(
        Options.Create(new ModelServerOptions { IntraOpThreads = 1 }), NullLogger<OnnxSessionFactory>.Instance));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Loads_a_verified_model_with_a_valid_card()
    {
        var path = TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));

        var model = _loader.Load(path);

        Assert.Equal("tiny", model.Name);
        Assert.Equal("1", model.Version);
        Assert.Equal(OnnxSessionFactory.CpuProvider, model.Provider);
        Assert.Equal([-1L, 1, -1, -1, -1], model.Inputs.Single().Shape);
        Assert.Equal([-1L, 3, -1, -1, -1], model.Outputs.Single().Shape);
        model.Release();
        Assert.True(model.IsDisposed);
    }

    [Fact]
    public void Refuses_a_model_without_a_card_naming_the_file()
    {
        var path = TinyOnnx.Write(_dir.Path, "no-card.onnx", TinyOnnx.Build(TinyOnnx.Version1, cardJson: null));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("no-card.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no card", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_bad_card_listing_every_problem()
    {
        const string json = """{"format":1,"name":"tiny","version":"1","modality":"CT","labels":{},"spacingMm":[1,1],"intensity":{"lower":10,"upper":0,"mean":0,"std":1},"patchSize":[8,8,8]}""";
        var path = TinyOnnx.Write(_dir.Path, "bad-card.onnx", TinyOnnx.Build(TinyOnnx.Version1, json));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("bad-card.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("labels is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("spacingMm must have 3 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("intensity.lower must be below intensity.upper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_card_whose_tensor_names_are_not_in_the_graph()
    {
        var card = TinyOnnx.Card() with { OutputName = "segmentation" };
        var path = TinyOnnx.Write(_dir.Path, "names.onnx", TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(card)));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("outputName 'segmentation' is not a graph output (probs)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"attentionOutputName\":\"attention\"", "attentionOutputName needs the tags of its maps")]
    [InlineData("\"attentionOutputName\":\"attention\",\"tags\":[\"liver\",\"liver\"]", "tags lists an organ twice")]
    [InlineData("\"attentionOutputName\":\"attention\",\"tags\":[\"liver\",\" \"]", "tags has an empty organ id")]
    [InlineData("\"attentionOutputName\":\"probs\",\"tags\":[\"liver\"]", "attentionOutputName must name an output other than outputName")]
    public void Refuses_a_card_whose_attention_output_and_tags_disagree(string attention, string problem)
    {
        var json = $$"""{"format":1,"name":"tiny","version":"1","modality":"CT","labels":{"1":"liver","2":"spleen"},"spacingMm":[1,1,1],"intensity":{"lower":-1000,"upper":1000,"mean":0,"std":1000},"patchSize":[5,6,8],"inputName":"image","outputName":"probs","minimumSlices":1,{{attention}}}""";
        var path = TinyOnnx.Write(_dir.Path, "tags.onnx", TinyOnnx.Build(TinyOnnx.Version1, json, attentionPool: (2, 3, 1)));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Refuses_a_card_naming_an_attention_output_the_graph_lacks()
    {
        var card = TinyOnnx.Card() with { AttentionOutputName = "attention", Tags = ["liver", "spleen"] };
        var path = TinyOnnx.Write(_dir.Path, "no-attention.onnx", TinyOnnx.Build(TinyOnnx.Version1, ModelCardSerializer.Serialize(card)));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("attentionOutputName 'attention' is not a graph output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_wrong_sha256()
    {
        var bytes = TinyOnnx.Build("1", TinyOnnx.Version1);
        var path = TinyOnnx.Write(_dir.Path, "tiny.onnx", bytes, sidecar: false);
        File.WriteAllText(path + ".sha256", new string('0', 64));

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("tiny.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 mismatch: the file hashes to {TinyOnnx.Sha256(bytes)}, expected {new string('0', 64)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_model_with_no_recorded_sha256()
    {
        var path = TinyOnnx.Write(_dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1), sidecar: false);

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("no SHA-256 to verify it against", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_the_digest_from_the_registry_index_or_from_the_publisher()
    {
        var bytes = TinyOnnx.Build("1", TinyOnnx.Version1);
        var path = TinyOnnx.Write(_dir.Path, "tiny.onnx", bytes, sidecar: false);
        File.WriteAllText(Path.Combine(_dir.Path, Sha256Digests.IndexFileName), $"{new string('1', 64)}  other.onnx\n{TinyOnnx.Sha256(bytes)} *tiny.onnx\n");

        _loader.Load(path).Release();
        _loader.Load(path, expectedSha256: TinyOnnx.Sha256(bytes).ToUpperInvariant()).Release();
        Assert.Throws<ModelLoadException>(() => _loader.Load(path, expectedSha256: new string('2', 64)));
    }

    [Fact]
    public void Refuses_a_file_that_is_not_onnx()
    {
        var bytes = "not a model"u8.ToArray();
        var path = TinyOnnx.Write(_dir.Path, "junk.onnx", bytes);

        var error = Assert.Throws<ModelLoadException>(() => _loader.Load(path));

        Assert.Contains("junk.onnx", error.Message, StringComparison.Ordinal);
    }
}
