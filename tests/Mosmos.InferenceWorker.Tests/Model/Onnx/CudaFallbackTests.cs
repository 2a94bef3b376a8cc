using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Model.Onnx;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Onnx;

public sealed class CudaFallbackTests
{
    [Fact]
    public void Cuda_requested_without_a_gpu_falls_back_to_cpu_with_one_warning()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var factory = new OnnxSessionFactory(Options.Create(new ModelServerOptions { Device = "cuda", IntraOpThreads = 1 }),
            loggers.CreateLogger<OnnxSessionFactory>());
        var model = TinyOnnx.Build("1", TinyOnnx.Version1);

        var (first, firstOptions, firstProvider) = factory.Create(model);
        var (second, secondOptions, secondProvider) = factory.Create(model);

        Assert.Equal(OnnxSessionFactory.CpuProvider, firstProvider);
        Assert.Equal(OnnxSessionFactory.CpuProvider, secondProvider);
        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 3004);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("running on CPU", warning.Message, StringComparison.Ordinal);

        // The fallback session computes.
        var input = DirectOrt.RandomVolume(8, seed: 1);
        using var value = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(input, [1, 1, 2, 2, 2]);
        using var results = first.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["image"], [value], ["probs"]);
        Assert.Equal(24, results[0].GetTensorDataAsSpan<float>().Length);

        foreach (var disposable in new IDisposable[] { first, firstOptions, second, secondOptions })
            disposable.Dispose();
    }
}
