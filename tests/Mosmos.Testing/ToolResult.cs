namespace Mosmos.Testing;

/// <summary>What an external process did: exit code, captured output and wall time.</summary>
public sealed record ToolResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Whether the process exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the command line, exit code and the tail of stderr/stdout.</summary>
    public ToolResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"{Describe()} exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s.\n" +
                $"stderr (tail):\n{Tail(StandardError)}\nstdout (tail):\n{Tail(StandardOutput)}");
        }

        return this;
    }

    /// <summary>The command line as one string, for messages.</summary>
    public string Describe() => ExternalTool.Describe(FileName, Arguments);

    internal static string Tail(string text, int maxChars = 4000) =>
        text.Length <= maxChars ? text : string.Concat("…", text.AsSpan(text.Length - maxChars));
}
