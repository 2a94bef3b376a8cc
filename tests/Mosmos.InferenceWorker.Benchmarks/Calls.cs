using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mosmos.Contracts;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Client;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>One patch request of a model (its card's patch size, input name and class count), built once over a reused buffer, as the sliding window sends it.</summary>
internal sealed class PatchCall
{
    private readonly ModelInferRequest _request;

    public PatchCall(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        Shape = [1, 1, card.PatchSize[2], card.PatchSize[1], card.PatchSize[0]];
        Classes = card.Labels.Count + 1;
        Input = new float[card.PatchSize[0] * card.PatchSize[1] * card.PatchSize[2]];
        var random = new Random(1);
        for (var i = 0; i < Input.Length; i++)
            Input[i] = (float)(random.NextDouble() * 4 - 2);
        var bytes = MemoryMarshal.AsBytes(Input.AsSpan()).ToArray();
        _request = new ModelInferRequest { ModelName = card.Name };
        _request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = card.InputName, Datatype = "FP32", Shape = { Shape } });
        _request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = card.OutputName });
        _request.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
    }

    public ModelCard Card { get; }
    public long[] Shape { get; }
    public int Classes { get; }
    public float[] Input { get; }
    public long InputBytes => Input.LongLength * sizeof(float);

    public Task InferAsync(IModelClient client) => client.InferAsync(_request, CancellationToken.None);
}

/// <summary>The reference: OrtValues over pinned arrays with a pre-bound output of the model's type (ml-stack §3.3).</summary>
internal sealed class DirectCall : IDisposable
{
    private readonly SessionOptions _options = new() { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1 };
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly RunOptions _run = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public DirectCall(byte[] model, PatchCall patch)
    {
        _session = new InferenceSession(model, _options);
        _input = OrtValue.CreateTensorValueFromMemory(patch.Input, patch.Shape);
        long[] outputShape = [1, patch.Classes, patch.Shape[2], patch.Shape[3], patch.Shape[4]];
        var length = patch.Classes * patch.Input.Length;
        _output = _session.OutputMetadata[patch.Card.OutputName].ElementDataType == TensorElementType.Float16
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Float16[length].AsMemory(), outputShape)
            : OrtValue.CreateTensorValueFromMemory(new float[length], outputShape);
        _inputNames = [patch.Card.InputName];
        _outputNames = [patch.Card.OutputName];
    }

    public void Run() => _session.Run(_run, _inputNames, [_input], _outputNames, [_output]);

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
