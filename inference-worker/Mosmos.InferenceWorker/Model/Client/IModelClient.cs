using Mosmos.Inference;

namespace Mosmos.InferenceWorker.Model.Client;

/// <summary>
/// The worker's only way to a model: the Open Inference Protocol, whether the server is this process, another
/// worker in <c>--model-server</c> mode, Triton or KServe. Failures arrive as <see cref="Grpc.Core.RpcException"/>
/// with the server's status code.
/// </summary>
internal interface IModelClient
{
    /// <summary>Where calls go, for logs: the in-process socket or the remote URL.</summary>
    string Endpoint { get; }

    Task<bool> IsServerReadyAsync(CancellationToken cancellationToken);

    Task<bool> IsModelReadyAsync(string modelName, CancellationToken cancellationToken);

    Task<ModelMetadataResponse> GetModelMetadataAsync(string modelName, CancellationToken cancellationToken);

    Task<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken);
}
