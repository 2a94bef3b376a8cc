using System.ComponentModel.DataAnnotations;

namespace Mosmos.InferenceWorker.Model;

/// <summary>Configuration section <c>ModelServer</c>: where models come from, how they run, how they are called.</summary>
internal sealed class ModelServerOptions
{
    public const string SectionName = "ModelServer";

    /// <summary>Registry directory of <c>*.onnx</c> files (each with a card and a SHA-256), or one ONNX file.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RegistryPath { get; set; } = "";

    /// <summary><c>cpu</c> (default) or <c>cuda</c>; CUDA falls back to CPU with a warning when it cannot load.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Device { get; set; } = "cpu";

    [Range(0, 63)]
    public int CudaDeviceId { get; set; }

    /// <summary>ONNX Runtime intra-op threads per session; 0 = one per core (ml-stack §3.4: use the core count).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Absolute http(s) URL of a remote Open Inference Protocol server (Triton, KServe, another worker in
    /// <c>--model-server</c> mode). Empty: the model is served in this process and called over a Unix socket.
    /// </summary>
    public string? RemoteUrl { get; set; }

    /// <summary>
    /// PEM file of the CA certificate(s) that sign the remote server's certificate (an https <see cref="RemoteUrl"/>
    /// with a private CA). Set: only a chain ending in one of them is trusted; empty: the machine's trust store.
    /// </summary>
    public string? RemoteCaFile { get; set; }

    /// <summary>Client certificate (PEM) for a remote server that requires mutual TLS; with <see cref="RemoteClientKeyFile"/>.</summary>
    public string? RemoteClientCertificateFile { get; set; }

    /// <summary>The unencrypted private key (PEM) of <see cref="RemoteClientCertificateFile"/>.</summary>
    public string? RemoteClientKeyFile { get; set; }

    /// <summary>
    /// Serving side: PEM file of the CA whose client certificates this process's HTTPS endpoints require (mutual TLS
    /// on the gRPC endpoint of a <c>--model-server</c>). Empty: no client certificate is asked for.
    /// </summary>
    public string? ClientCaFile { get; set; }

    /// <summary>
    /// Largest gRPC message, in bytes, for both directions on server and client. The default fits a 96³ patch
    /// with 16 float classes (56.6 MB) in batches of 4.
    /// </summary>
    [Range(1 << 16, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 256 << 20;

    /// <summary>Patches per ModelInfer call in the sliding window (ml-stack §3.4: no gain above 1 on CPU).</summary>
    [Range(1, 64)]
    public int PatchBatchSize { get; set; } = 1;

    /// <summary>Reload a model when its file (or its <c>.sha256</c>) changes.</summary>
    public bool WatchRegistry { get; set; } = true;

    /// <summary>Quiet time after the last file event before reloading, in milliseconds, so half-written files are not loaded.</summary>
    [Range(0, 60_000)]
    public int ReloadDebounceMilliseconds { get; set; } = 300;

    public bool UseCuda => string.Equals(Device, "cuda", StringComparison.OrdinalIgnoreCase);
}
