using System.Diagnostics;
using System.Reflection;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Registry;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>
/// The Open Inference Protocol (KServe v2) gRPC service over the model registry. Status codes: NOT_FOUND for an
/// unknown model or version, INVALID_ARGUMENT for a request that does not fit the model, RESOURCE_EXHAUSTED for
/// tensors over the message limit, INTERNAL when ONNX Runtime fails on a request that passed the checks.
/// </summary>
internal sealed class InferenceService(ModelRegistry registry, IOptions<ModelServerOptions> options, ModelMetrics metrics, ILogger<InferenceService> logger)
    : GRPCInferenceService.GRPCInferenceServiceBase
{
    /// <summary>Triton's platform name for ONNX models, so clients written for Triton recognise it.</summary>
    public const string Platform = "onnxruntime_onnx";
    public const string ServerName = "mosmos-inference-worker";

    private static readonly string ServerVersion =
        typeof(InferenceService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = registry.IsReady });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = registry.TryRent(request.Name, request.Version);
        return Task.FromResult(new ModelReadyResponse { Ready = lease is not null });
    }

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerMetadataResponse { Name = ServerName, Version = ServerVersion });

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = Rent(request.Name, request.Version);
        var model = lease.Model;
        var response = new ModelMetadataResponse { Name = model.Name, Platform = Platform };
        response.Versions.Add(model.Version);
        foreach (var input in model.Inputs)
            response.Inputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = input.Name, Datatype = input.Datatype, Shape = { input.Shape } });
        foreach (var output in model.Outputs)
            response.Outputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = output.Name, Datatype = output.Datatype, Shape = { output.Shape } });
        return Task.FromResult(response);
    }

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = Infer(request);
            metrics.Inferred(request.ModelName, Stopwatch.GetElapsedTime(started));
            return Task.FromResult(response);
        }
        catch (RpcException e)
        {
            metrics.Refused(request.ModelName, e.StatusCode);
            throw;
        }
    }

    private ModelInferResponse Infer(ModelInferRequest request)
    {
        var maxBytes = options.Value.MaxMessageBytes;
        using var lease = Rent(request.ModelName, request.ModelVersion);
        var model = lease.Model;
        var plan = InferRequestValidator.Validate(request, model, maxBytes);
        try
        {
            return ModelInvoker.Run(model, plan, request, maxBytes);
        }
        catch (OnnxRuntimeException e)
        {
            ModelLog.InferFailed(logger, model.Name, model.Version, e);
            // ORT prefixes its messages with the error code; a shape the graph cannot take is the caller's error.
            if (e.Message.Contains("InvalidArgument", StringComparison.Ordinal))
                RpcErrors.InvalidArgument($"model '{model.Name}' rejected the input: {e.Message}");
            RpcErrors.Internal($"model '{model.Name}' failed: {e.Message}");
            throw;
        }
    }

    private ModelLease Rent(string name, string version)
    {
        var lease = registry.TryRent(name, version);
        if (lease is null)
            RpcErrors.NotFound(string.IsNullOrEmpty(version) ? $"model '{name}' is not served here" : $"model '{name}' version '{version}' is not served here");
        return lease;
    }
}
