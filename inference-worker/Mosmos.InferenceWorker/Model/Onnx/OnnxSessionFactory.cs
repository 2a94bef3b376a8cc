using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Mosmos.InferenceWorker.Model.Onnx;

/// <summary>
/// Creates ONNX Runtime sessions: CPU by default; CUDA when configured, falling back to CPU with a warning when
/// the CUDA provider cannot be appended (ml-stack §3.2: the CPU package throws EntryPointNotFoundException,
/// the GPU package without CUDA libraries throws OnnxRuntimeException; GetAvailableProviders() is not trusted).
/// </summary>
internal sealed class OnnxSessionFactory(IOptions<ModelServerOptions> options, ILogger<OnnxSessionFactory> logger)
{
    public const string CpuProvider = "CPUExecutionProvider";
    public const string CudaProvider = "CUDAExecutionProvider";

    // Set once CUDA failed to load: the libraries will not appear while the process runs, so later models
    // go straight to CPU and the warning is logged once.
    private volatile bool _cudaUnavailable;

    /// <summary>Creates a session over the model bytes; the caller owns both returned objects.</summary>
    public (InferenceSession Session, SessionOptions Options, string Provider) Create(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var settings = options.Value;
        if (settings.UseCuda && !_cudaUnavailable)
        {
            SessionOptions? cuda = null;
            try
            {
                // The provider fails when it is appended, not when the session is created (ml-stack §3.2).
                cuda = SessionOptions.MakeSessionOptionWithCudaProvider(settings.CudaDeviceId);
                Configure(cuda, settings);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                cuda?.Dispose();
                cuda = null;
                _cudaUnavailable = true;
                ModelLog.CudaUnavailable(logger, e.GetType().Name, e.Message);
            }
            if (cuda is not null)
            {
                try
                {
                    return (new InferenceSession(model, cuda), cuda, CudaProvider);
                }
                catch
                {
                    cuda.Dispose();
                    throw;
                }
            }
        }

        var cpu = new SessionOptions();
        try
        {
            Configure(cpu, settings);
            return (new InferenceSession(model, cpu), cpu, CpuProvider);
        }
        catch
        {
            cpu.Dispose();
            throw;
        }
    }

    private static void Configure(SessionOptions session, ModelServerOptions settings)
    {
        session.IntraOpNumThreads = settings.IntraOpThreads > 0 ? settings.IntraOpThreads : Environment.ProcessorCount;
        // One request runs one graph; parallel branches are rare in segmentation networks (ml-stack §3.2).
        session.InterOpNumThreads = 1;
        session.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
    }
}
