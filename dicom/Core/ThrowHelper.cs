using System.Diagnostics.CodeAnalysis;

namespace Mosmos.Dicom;

/// <summary>Throw helpers keep the hot parsing paths small (the throw sites are not inlined).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(string message, long offset, DicomTag? tag = null) =>
        throw new DicomFormatException(message, offset, tag);

    [DoesNotReturn]
    public static T Format<T>(string message, long offset, DicomTag? tag = null) =>
        throw new DicomFormatException(message, offset, tag);

    [DoesNotReturn]
    public static void Truncated(long offset, DicomTag? tag = null) =>
        throw new DicomFormatException("unexpected end of data", offset, tag);
}
