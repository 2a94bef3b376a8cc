using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mosmos.Deploy.Tests.Support;

/// <summary>
/// The real worker deployable (<c>dotnet Mosmos.InferenceWorker.dll --model-server</c>), started from its own build
/// output with settings in <c>MOSMOS__</c> environment variables, the way a container gets them. Its output is kept
/// for failure messages.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static WorkerProcess StartModelServer(IReadOnlyDictionary<string, string> environment)
    {
        var dll = WorkerAssembly();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--model-server");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new WorkerProcess(Process.Start(start)!);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the port accepts TCP connections (Kestrel bound it), failing with the server's output if it exits.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"the model server exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.True(DateTime.UtcNow < deadline, $"the model server did not listen on {port}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>The worker's own build output, beside this test project in the same configuration.</summary>
    private static string WorkerAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Repository.Root, "inference-worker", "Mosmos.InferenceWorker", "bin", testBin.Parent!.Name, testBin.Name, "Mosmos.InferenceWorker.dll");
        Assert.True(File.Exists(dll), $"worker not built: {dll}");
        return dll;
    }
}
