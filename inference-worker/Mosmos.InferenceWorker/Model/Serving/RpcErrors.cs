using System.Diagnostics.CodeAnalysis;
using Grpc.Core;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>Throw helpers for the gRPC status codes the model server answers with (KServe v2: errors are the status).</summary>
internal static class RpcErrors
{
    [DoesNotReturn]
    public static void NotFound(string message) => throw new RpcException(new Status(StatusCode.NotFound, message));

    [DoesNotReturn]
    public static void InvalidArgument(string message) => throw new RpcException(new Status(StatusCode.InvalidArgument, message));

    [DoesNotReturn]
    public static void ResourceExhausted(string message) => throw new RpcException(new Status(StatusCode.ResourceExhausted, message));

    [DoesNotReturn]
    public static void Internal(string message) => throw new RpcException(new Status(StatusCode.Internal, message));
}
