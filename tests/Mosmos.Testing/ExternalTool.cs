using System.Diagnostics;

namespace Mosmos.Testing;

/// <summary>Runs an external program (dciodvfy, dcm2json, node, python3, ./mosmos …) and captures what it did.</summary>
public static class ExternalTool
{
    /// <summary>The default time limit of <see cref="RunAsync"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed as a list: no shell
    /// quoting), waits for it and returns its exit code and output. A non-zero exit code is returned,
    /// not thrown (see <see cref="ToolResult.EnsureSuccess"/>). Past the timeout the process tree is
    /// killed and a <see cref="TimeoutException"/> carries what it had written.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        ExternalToolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ExternalToolOptions();
        var args = arguments.ToList();

        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {Describe(fileName, args)}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (options.StandardInput is not null)
            {
                await process.StandardInput.WriteAsync(options.StandardInput.AsMemory(), cancellationToken);
            }

            // closed stdin: a tool that would read it sees end of input instead of waiting forever
            process.StandardInput.Close();
        }
        catch (IOException) when (process.HasExited)
        {
            // the tool exited without reading its input: its exit code and output tell the story
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{Describe(fileName, args)} did not finish within {(options.Timeout ?? DefaultTimeout).TotalSeconds:F0} s and was killed.\n" +
                $"stderr (tail):\n{ToolResult.Tail(await stderr)}\nstdout (tail):\n{ToolResult.Tail(await stdout)}");
        }

        return new ToolResult(fileName, args, process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }

    /// <inheritdoc cref="RunAsync(string, IEnumerable{string}, ExternalToolOptions?, CancellationToken)"/>
    public static Task<ToolResult> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, arguments, options: null, CancellationToken.None);

    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? FindOnPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The full path of <paramref name="name"/> on PATH; throws, naming the Debian package, when missing.</summary>
    public static string Require(string name, string debianPackage) =>
        FindOnPath(name) ?? throw new InvalidOperationException(
            $"{name} is not installed (Debian package {debianPackage}): run ./mosmos test or scripts/test-setup.sh once.");

    internal static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}
