using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Serving;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Serving;

public sealed class InferenceServiceTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    [Fact]
    public async Task ModelInfer_in_process_returns_the_numbers_of_a_direct_onnx_runtime_run()
    {
        long[] shape = [2, 1, 3, 4, 5];
        var input = DirectOrt.RandomVolume(2 * 3 * 4 * 5, seed: 7);

        var response = await fixture.Host.Client.InferAsync(Requests.Fp32(input, shape), CancellationToken.None);

        var expected = DirectOrt.Run(fixture.ModelBytes, input, shape);
        var actual = Requests.Output(response);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-6f);
        var output = Assert.Single(response.Outputs);
        Assert.Equal("FP32", output.Datatype);
        Assert.Equal([2L, 3, 3, 4, 5], output.Shape);
        Assert.Equal(("tiny", "1", "test"), (response.ModelName, response.ModelVersion, response.Id));
    }

    [Fact]
    public async Task Metadata_and_readiness_follow_the_spec()
    {
        var client = fixture.Host.Client;
        Assert.True(await client.IsServerReadyAsync(CancellationToken.None));
        Assert.True(await client.IsModelReadyAsync("tiny", CancellationToken.None));
        Assert.False(await client.IsModelReadyAsync("absent", CancellationToken.None));

        var metadata = await client.GetModelMetadataAsync("tiny", CancellationToken.None);

        Assert.Equal(InferenceService.Platform, metadata.Platform);
        Assert.Equal(["1"], metadata.Versions);
        var input = Assert.Single(metadata.Inputs);
        Assert.Equal(("image", "FP32"), (input.Name, input.Datatype));
        Assert.Equal([-1L, 1, -1, -1, -1], input.Shape);
        Assert.Equal([-1L, 3, -1, -1, -1], Assert.Single(metadata.Outputs).Shape);
    }

    [Fact]
    public async Task Unknown_model_or_version_is_not_found()
    {
        var unknown = Requests.Fp32([1f], [1, 1, 1, 1, 1], model: "absent");
        var wrongVersion = Requests.Fp32([1f], [1, 1, 1, 1, 1]);
        wrongVersion.ModelVersion = "9";

        await AssertStatus(unknown, Grpc.Core.StatusCode.NotFound, "model 'absent' is not served here");
        await AssertStatus(wrongVersion, Grpc.Core.StatusCode.NotFound, "version '9'");
    }

    [Fact]
    public async Task Hostile_requests_get_a_status_code_and_the_server_keeps_serving()
    {
        var wrongType = Requests.Fp32([1f, 2f], [1, 1, 1, 1, 1], datatype: "INT64");
        await AssertStatus(wrongType, Grpc.Core.StatusCode.InvalidArgument, "datatype 'INT64'");

        var shortBytes = Requests.Fp32([1f, 2f, 3f], [1, 1, 1, 2, 2]);
        await AssertStatus(shortBytes, Grpc.Core.StatusCode.InvalidArgument, "needs 16 bytes; raw_input_contents[0] has 12");

        var huge = Requests.Fp32([1f], [1, 1, 100_000, 100_000, 100_000]);
        await AssertStatus(huge, Grpc.Core.StatusCode.ResourceExhausted, "exceeds the 1048576-byte message limit");

        var overflow = Requests.Fp32([1f], [1, 1, long.MaxValue, long.MaxValue, 1]);
        await AssertStatus(overflow, Grpc.Core.StatusCode.ResourceExhausted, "message limit");

        var wrongRank = Requests.Fp32([1f], [1, 1, 1, 1]);
        await AssertStatus(wrongRank, Grpc.Core.StatusCode.InvalidArgument, "rank 4");

        var fixedDim = Requests.Fp32([1f, 2f], [1, 2, 1, 1, 1]);
        await AssertStatus(fixedDim, Grpc.Core.StatusCode.InvalidArgument, "fixes it at 1");

        var negative = Requests.Fp32([1f], [1, 1, -1, 1, 1]);
        await AssertStatus(negative, Grpc.Core.StatusCode.InvalidArgument, "at least 1");

        var typed = Requests.Fp32([1f], [1, 1, 1, 1, 1]);
        typed.Inputs[0].Contents = new InferTensorContents { Fp32Contents = { 1f } };
        await AssertStatus(typed, Grpc.Core.StatusCode.InvalidArgument, "raw_input_contents");

        var unknownOutput = Requests.Fp32([1f], [1, 1, 1, 1, 1]);
        unknownOutput.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "logits" });
        await AssertStatus(unknownOutput, Grpc.Core.StatusCode.InvalidArgument, "'logits' is not an output");

        // 300 000 floats = 1.2 MB input: over the 1 MiB message limit on the wire.
        var tooBig = Requests.Fp32(new float[300_000], [1, 1, 300_000, 1, 1]);
        await AssertStatus(tooBig, Grpc.Core.StatusCode.ResourceExhausted, "");

        // The output is 3× the input: 100 000 floats in fit, 1.2 MB out would not, and is refused before running.
        var bigOutput = Requests.Fp32(new float[100_000], [1, 1, 100_000, 1, 1]);
        await AssertStatus(bigOutput, Grpc.Core.StatusCode.ResourceExhausted, "tensor 'probs'");

        var fine = await fixture.Host.Client.InferAsync(Requests.Fp32([0.5f], [1, 1, 1, 1, 1]), CancellationToken.None);
        Assert.Equal(3, Requests.Output(fine).Length);
    }

    private async Task AssertStatus(ModelInferRequest request, Grpc.Core.StatusCode code, string detail)
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => fixture.Host.Client.InferAsync(request, CancellationToken.None));
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
    }
}
