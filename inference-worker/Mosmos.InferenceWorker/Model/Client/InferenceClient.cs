using Grpc.Net.Client;
using Mosmos.Inference;

namespace Mosmos.InferenceWorker.Model.Client;

/// <summary><see cref="IModelClient"/> over a gRPC channel it owns.</summary>
internal sealed class InferenceClient : IModelClient, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;

    public InferenceClient(GrpcChannel channel, string endpoint)
    {
        _channel = channel;
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public async Task<bool> IsServerReadyAsync(CancellationToken cancellationToken) =>
        (await _client.ServerReadyAsync(new ServerReadyRequest(), cancellationToken: cancellationToken)).Ready;

    public async Task<bool> IsModelReadyAsync(string modelName, CancellationToken cancellationToken) =>
        (await _client.ModelReadyAsync(new ModelReadyRequest { Name = modelName }, cancellationToken: cancellationToken)).Ready;

    public async Task<ModelMetadataResponse> GetModelMetadataAsync(string modelName, CancellationToken cancellationToken) =>
        await _client.ModelMetadataAsync(new ModelMetadataRequest { Name = modelName }, cancellationToken: cancellationToken);

    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken) =>
        await _client.ModelInferAsync(request, cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
