using Grpc.Core;
using Microsoft.Extensions.Options;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Model.SlidingWindow;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.SlidingWindow;

/// <summary>
/// How the sliding window calls the model: the next batch is out while the previous response is blended, never
/// more than one call at a time, and a response that cannot be blended cancels the call that is out.
/// </summary>
public sealed class SlidingWindowCallTests
{
    private static readonly SlidingWindowModel Model = SlidingWindowModel.FromCard(TinyOnnx.Card());

    [Fact]
    public async Task A_response_that_cannot_be_blended_cancels_the_call_that_is_out()
    {
        // 16 slices of an 8-slice patch: z starts 0, 6, 8 — three calls of batch 1 if all went well.
        var client = new ScriptedClient();
        var window = new SlidingWindowInference(client, Options.Create(new ModelServerOptions { PatchBatchSize = 1 }));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            window.SegmentAsync(new float[16 * 6 * 5], new Extent3(16, 6, 5), Model, CancellationToken.None));

        Assert.Contains("is INT8", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, client.Calls);
        Assert.True(client.SecondCallCancelled, "the second call was still running after the job failed");
        Assert.Equal(1, client.MostAtOnce);
    }

    /// <summary>First call: probabilities of a type the window refuses; second call: waits until it is cancelled.</summary>
    private sealed class ScriptedClient : IModelClient
    {
        private int _running;

        public int Calls { get; private set; }

        public int MostAtOnce { get; private set; }

        public bool SecondCallCancelled { get; private set; }

        public string Endpoint => "scripted";

        public Task<bool> IsServerReadyAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> IsModelReadyAsync(string modelName, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<ModelMetadataResponse> GetModelMetadataAsync(string modelName, CancellationToken cancellationToken) =>
            Task.FromResult(new ModelMetadataResponse());

        public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken)
        {
            var call = ++Calls;
            MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref _running));
            try
            {
                if (call == 1)
                {
                    await Task.Yield();
                    var output = new ModelInferResponse.Types.InferOutputTensor { Name = Model.OutputName, Datatype = "INT8", Shape = { 1, 2, 8, 6, 5 } };
                    var response = new ModelInferResponse { Outputs = { output } };
                    response.RawOutputContents.Add(Google.Protobuf.ByteString.CopyFrom(new byte[2 * 8 * 6 * 5]));
                    return response;
                }
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SecondCallCancelled = true;
                    throw new RpcException(new Status(StatusCode.Cancelled, "cancelled"));
                }
                throw new InvalidOperationException("unreachable");
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
