using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mosmos.InferenceWorker.Model.Client;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Client;

/// <summary>The remote path: a second worker process in <c>--model-server</c> mode on a loopback port.</summary>
public sealed class RemoteModelServerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_worker_process_serves_the_model_over_loopback()
    {
        var model = TinyOnnx.Build("1", TinyOnnx.Version1);
        TinyOnnx.Write(_dir.Path, "tiny.onnx", model);
        var port = FreePort();
        using var server = StartWorker(port);
        try
        {
            using var client = ModelChannels.Remote(new Uri($"http://127.0.0.1:{port}"), 16 << 20);
            await WaitForReady(client, server);

            long[] shape = [1, 1, 3, 5, 7];
            var input = DirectOrt.RandomVolume(3 * 5 * 7, seed: 11);
            var response = await client.InferAsync(Requests.Fp32(input, shape), CancellationToken.None);

            var expected = DirectOrt.Run(model, input, shape);
            var actual = Requests.Output(response);
            for (var i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], actual[i], 1e-6f);
            var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
                client.InferAsync(Requests.Fp32(input, shape, datatype: "FP64"), CancellationToken.None));
            Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private Process StartWorker(int port)
    {
        var dll = WorkerProcess.BuiltAssembly();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            dll, "--model-server",
            $"--ModelServer:RegistryPath={_dir.Path}", "--ModelServer:IntraOpThreads=1",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty server never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForReady(InferenceClient client, Process server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(server.HasExited, $"the model server exited with code {(server.HasExited ? server.ExitCode : 0)}");
            try
            {
                if (await client.IsServerReadyAsync(CancellationToken.None))
                    return;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "the model server did not become ready");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
