using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Client;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>One patch request built once over a reused buffer, as the sliding window sends it.</summary>
internal sealed class PatchCall
{
    private readonly ModelInferRequest _request = new() { ModelName = "tiny" };

    public PatchCall(int size)
    {
        Size = size;
        Input = new float[size * size * size];
        var random = new Random(1);
        for (var i = 0; i < Input.Length; i++)
            Input[i] = (float)(random.NextDouble() * 4 - 2);
        var bytes = MemoryMarshal.AsBytes(Input.AsSpan()).ToArray();
        _request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "image", Datatype = "FP32", Shape = { 1, 1, size, size, size } });
        _request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
    }

    public int Size { get; }
    public float[] Input { get; }
    public long InputBytes => Input.LongLength * sizeof(float);

    public Task InferAsync(IModelClient client) => client.InferAsync(_request, CancellationToken.None);
}

/// <summary>The reference: OrtValues over pinned arrays with a pre-bound output (ml-stack §3.3).</summary>
internal sealed class DirectCall : IDisposable
{
    private readonly SessionOptions _options = new() { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1 };
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly RunOptions _run = new();

    public DirectCall(byte[] model, PatchCall patch)
    {
        _session = new InferenceSession(model, _options);
        var n = patch.Size;
        _input = OrtValue.CreateTensorValueFromMemory(patch.Input, [1, 1, n, n, n]);
        _output = OrtValue.CreateTensorValueFromMemory(new float[3 * patch.Input.Length], [1, 3, n, n, n]);
    }

    public void Run() => _session.Run(_run, ["image"], [_input], ["probs"], [_output]);

    public void Dispose()
    {
        foreach (var d in new IDisposable[] { _input, _output, _run, _session, _options })
            d.Dispose();
    }
}

/// <summary>A second worker process in --model-server mode, as in the remote-path test.</summary>
internal static class RemoteServer
{
    public static Process Start(string registry, out int port)
    {
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var dll = Path.Combine(AppContext.BaseDirectory, "Mosmos.InferenceWorker.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--model-server", $"--ModelServer:RegistryPath={registry}", "--Logging:LogLevel:Default=Warning",
                     "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitReadyAsync(InferenceClient client)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if (await client.IsServerReadyAsync(CancellationToken.None))
                    return;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unavailable)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the remote model server did not become ready in 30 s");
    }
}
