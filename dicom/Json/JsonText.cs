using System.Text.Json;

namespace Mosmos.Dicom;

/// <summary>
/// JSON text must be UTF-8 (RFC 8259 §8.1), but <see cref="JsonDocument"/> checks the bytes of a string only when
/// it is decoded, and then throws <see cref="InvalidOperationException"/>. Every string the reader takes goes through
/// here so that such input ends as the one malformed-input exception.
/// </summary>
internal static class JsonText
{
    public static string? ValidString(this JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException e) when (element.ValueKind == JsonValueKind.String)
        {
            throw NotUtf8(e);
        }
    }

    public static string ValidName(this JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw NotUtf8(e);
        }
    }

    /// <summary>The raw JSON of a value, for error messages.</summary>
    public static string ValidRawText(this JsonElement element)
    {
        try
        {
            return element.GetRawText();
        }
        catch (InvalidOperationException e)
        {
            throw NotUtf8(e);
        }
    }

    private static DicomFormatException NotUtf8(Exception inner) => new("DICOM JSON text is not valid UTF-8", inner);
}
