namespace Mosmos.Testing;

/// <summary>How <see cref="ExternalTool.RunAsync(string, IEnumerable{string}, ExternalToolOptions?, CancellationToken)"/> runs a process.</summary>
public sealed class ExternalToolOptions
{
    /// <summary>Time limit; <see cref="ExternalTool.DefaultTimeout"/> when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment changes: a null value removes the variable.</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Text written to the process's standard input, which is then closed (it is closed at once when null).</summary>
    public string? StandardInput { get; init; }
}
