namespace Mosmos.Dicom;

/// <summary>
/// The one exception type for malformed DICOM input. <see cref="Offset"/> is the byte offset in the stream being
/// parsed (−1 when not applicable) and <see cref="Tag"/> the element being read, when known.
/// </summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException() : this("malformed DICOM input") { }

    public DicomFormatException(string message) : this(message, -1, null) { }

    public DicomFormatException(string message, Exception innerException) : base(message, innerException) => Offset = -1;

    public DicomFormatException(string message, long offset, DicomTag? tag, Exception? innerException = null)
        : base(Describe(message, offset, tag), innerException)
    {
        Offset = offset;
        Tag = tag;
    }

    public long Offset { get; }

    public DicomTag? Tag { get; }

    private static string Describe(string message, long offset, DicomTag? tag) =>
        (offset, tag) switch
        {
            ( >= 0, { } t) => $"{message} (at byte {offset}, tag {t})",
            ( >= 0, null) => $"{message} (at byte {offset})",
            (_, { } t) => $"{message} (tag {t})",
            _ => message,
        };
}
