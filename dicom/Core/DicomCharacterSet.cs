using System.Text;

namespace Mosmos.Dicom;

/// <summary>
/// Specific Character Set (0008,0005) → .NET encoding (PS3.3 C.12.1.1.2, PS3.5 §6.1). Single-byte and UTF-8 sets
/// are supported; ISO 2022 code extensions decode their default repertoire only.
/// </summary>
public static class DicomCharacterSet
{
    /// <summary>The default repertoire (ISO_IR 6) is ASCII; we decode it as Latin-1 so no byte is ever lost.</summary>
    public static readonly Encoding Default = Encoding.Latin1;

    public static Encoding FromTerms(IReadOnlyList<string> terms)
    {
        // With code extensions the first value may be empty, meaning the default repertoire (PS3.3 C.12.1.1.2).
        var term = terms.FirstOrDefault(t => t.Length > 0) ?? string.Empty;
        return term.Trim().ToUpperInvariant() switch
        {
            "ISO_IR 192" => Encoding.UTF8,
            "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
            "ISO_IR 6" or "ISO 2022 IR 6" or "" => Default,
            // Other single-byte sets (Latin-2..5, Cyrillic, Greek, Arabic, Hebrew, Thai) need code pages that
            // InvariantGlobalization omits; their ASCII subset still decodes exactly through Latin-1.
            _ => Default,
        };
    }

    /// <summary>The term a writer puts in (0008,0005) for text that is not all ASCII.</summary>
    public const string Utf8Term = "ISO_IR 192";
}
