using System.Diagnostics.CodeAnalysis;

namespace Mosmos.Datasets;

/// <summary>
/// A dataset folder is malformed: bad <c>dataset.json</c>, a missing, truncated or oversized volume file, or a
/// label value outside the label map. The message names the file and the problem.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException() : base("malformed dataset") { }

    public DatasetFormatException(string message) : base(message) { }

    public DatasetFormatException(string message, Exception inner) : base(message, inner) { }

    public DatasetFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner) => FilePath = path;

    /// <summary>The file the problem was found in, when there is one.</summary>
    public string? FilePath { get; }
}

internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(string path, string problem, Exception? inner = null) =>
        throw new DatasetFormatException(path, problem, inner);
}
