using Microsoft.Extensions.Logging;

namespace Mosmos.InferenceWorker.Model;

/// <summary>
/// Source-generated log messages of the model subsystem. Event IDs 3000–3099 belong to it and never change
/// meaning; new messages take the next free number. Models are named by name, version and file; no patient data.
/// </summary>
internal static partial class ModelLog
{
    [LoggerMessage(3000, LogLevel.Information, "Model {Name} {Version} loaded from {File} (sha256 {Sha256}, {Provider})")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string file, string sha256, string provider);

    [LoggerMessage(3001, LogLevel.Error, "Model file {File} refused: {Reason}")]
    public static partial void ModelRefused(ILogger logger, string file, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Model {Name} {OldVersion} replaced by {NewVersion}; in-flight requests finish on the old session")]
    public static partial void ModelReplaced(ILogger logger, string name, string oldVersion, string newVersion);

    [LoggerMessage(3003, LogLevel.Debug, "Session of model {Name} {Version} disposed after its last request")]
    public static partial void SessionDisposed(ILogger logger, string name, string version);

    [LoggerMessage(3004, LogLevel.Warning, "CUDA requested but unavailable ({ExceptionType}: {Reason}); running on CPU")]
    public static partial void CudaUnavailable(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(3005, LogLevel.Information, "Registry {Path} scanned: {Loaded} model(s) loaded, {Refused} refused")]
    public static partial void RegistryScanned(ILogger logger, string path, int loaded, int refused);

    [LoggerMessage(3006, LogLevel.Information, "Model {Name} removed: its file {File} was deleted")]
    public static partial void ModelRemoved(ILogger logger, string name, string file);

    [LoggerMessage(3007, LogLevel.Error, "Watching the model registry failed; reload on demand still works")]
    public static partial void WatcherFailed(ILogger logger, Exception exception);

    [LoggerMessage(3008, LogLevel.Error, "ModelInfer on {Name} {Version} failed in ONNX Runtime")]
    public static partial void InferFailed(ILogger logger, string name, string version, Exception exception);

    [LoggerMessage(3009, LogLevel.Information, "Model server listens in-process on {SocketPath}")]
    public static partial void InProcessEndpoint(ILogger logger, string socketPath);

    [LoggerMessage(3010, LogLevel.Information, "Model client calls {Endpoint}")]
    public static partial void ClientEndpoint(ILogger logger, string endpoint);
}
