using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Mosmos.InferenceWorker.Tests.Support;

/// <summary>
/// The worker deployable as its own process (<c>dotnet Mosmos.InferenceWorker.dll</c>, run from its build folder),
/// configured only through <c>MOSMOS__*</c> environment variables as in production (no secrets on the command
/// line). Its output is kept line by line; <see cref="Kill"/> is SIGKILL; <see cref="PeakRssBytes"/> reads VmHWM.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public IEnumerable<string> Lines => _lines;

    /// <param name="dll">The worker assembly (<see cref="BuiltAssembly"/> in tests).</param>
    /// <param name="settings">Configuration keys (<c>Jobs:Sources:orthanc:BaseUrl</c>) and values, passed as MOSMOS__ variables.</param>
    public static WorkerProcess Start(string dll, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MOSMOS__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in settings)
            start.Environment["MOSMOS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var worker = new WorkerProcess(Process.Start(start)!);
        worker._process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The worker's build output beside the calling test or benchmark project, same configuration and framework.</summary>
    public static string BuiltAssembly()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var beside = Path.Combine(bin.FullName, "Mosmos.InferenceWorker.dll");
        var root = bin;
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "inference-worker")))
            root = root.Parent;
        var own = root is null ? null
            : Path.Combine(root.FullName, "inference-worker", "Mosmos.InferenceWorker", "bin", bin.Parent!.Name, bin.Name, "Mosmos.InferenceWorker.dll");
        return own is not null && File.Exists(own) ? own
            : File.Exists(beside) ? beside
            : throw new FileNotFoundException($"worker not built: {own ?? beside}");
    }

    private bool _disposed;

    /// <summary>SIGKILL: no shutdown hooks, no acks, no goodbye to the broker.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Peak resident set size of the process so far (VmHWM, Linux), in bytes.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited)
                throw new InvalidOperationException($"the worker exited with code {_process.ExitCode}:\n{Tail()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the worker did not log the expected line in {timeout}:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls the condition until it holds; fails when the worker exits first or the patience runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the worker exited with code {_process.ExitCode}:\n{Tail()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met in {patience}; worker output:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    public string Tail(int lines = 40) => string.Join('\n', _lines.TakeLast(lines));

    /// <summary>Kills the process if it still runs; a second call does nothing (benchmarks stop the worker early).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
            _lines.Enqueue(line);
    }
}
