using System.Diagnostics.CodeAnalysis;

namespace Mosmos.Trainer.Text;

/// <summary>
/// A WordPiece vocabulary file is unusable: missing special tokens, duplicate or blank lines, or too large.
/// An <see cref="IOException"/> so the trainer's verbs report it as bad input (exit 1) naming the file.
/// </summary>
public sealed class VocabularyFormatException : IOException
{
    public VocabularyFormatException() : base("malformed vocabulary") { }

    public VocabularyFormatException(string message) : base(message) { }

    public VocabularyFormatException(string message, Exception inner) : base(message, inner) { }

    [DoesNotReturn]
    internal static void Throw(string path, string problem) => throw new VocabularyFormatException($"{path}: {problem}");
}
