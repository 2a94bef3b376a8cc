using System.Text;

namespace Mosmos.Dicom;

/// <summary>
/// Specific Character Set (0008,0005) → .NET encoding (PS3.3 C.12.1.1.2, PS3.5 §6.1). Single-byte sets, UTF-8 and
/// GB18030/GBK map to code pages; ISO 2022 code extensions decode through <see cref="Iso2022Encoding"/>.
/// </summary>
public static class DicomCharacterSet
{
    /// <summary>The default repertoire (ISO_IR 6) is ASCII; we decode it as Latin-1 so no byte is ever lost.</summary>
    public static readonly Encoding Default = Encoding.Latin1;

    static DicomCharacterSet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var normalized = terms.Select(t => t.Trim().ToUpperInvariant()).ToArray();
        // Code extensions (PS3.5 §6.1.2.5.3): any ISO 2022 term, or more than one term, means escape sequences.
        if (normalized.Length > 1 || normalized.Any(t => t.StartsWith("ISO 2022", StringComparison.Ordinal)))
            return new Iso2022Encoding(normalized.Length > 0 ? normalized[0] : string.Empty);
        return ForTerm(normalized.Length > 0 ? normalized[0] : string.Empty);
    }

    /// <summary>The encoding of one defined term without code extensions (PS3.3 Table C.12-2, C.12-4).</summary>
    internal static Encoding ForTerm(string term) => term switch
    {
        "ISO_IR 192" => Encoding.UTF8,
        "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
        "ISO_IR 101" or "ISO 2022 IR 101" => Encoding.GetEncoding(28592),  // Latin-2
        "ISO_IR 109" or "ISO 2022 IR 109" => Encoding.GetEncoding(28593),  // Latin-3
        "ISO_IR 110" or "ISO 2022 IR 110" => Encoding.GetEncoding(28594),  // Latin-4
        "ISO_IR 144" or "ISO 2022 IR 144" => Encoding.GetEncoding(28595),  // Cyrillic
        "ISO_IR 127" or "ISO 2022 IR 127" => Encoding.GetEncoding(28596),  // Arabic
        "ISO_IR 126" or "ISO 2022 IR 126" => Encoding.GetEncoding(28597),  // Greek
        "ISO_IR 138" or "ISO 2022 IR 138" => Encoding.GetEncoding(28598),  // Hebrew
        "ISO_IR 148" or "ISO 2022 IR 148" => Encoding.GetEncoding(28599),  // Latin-5
        "ISO_IR 203" or "ISO 2022 IR 203" => Encoding.GetEncoding(28605),  // Latin-9
        "ISO_IR 166" or "ISO 2022 IR 166" => Encoding.GetEncoding(874),    // Thai (TIS 620)
        "ISO_IR 13" or "ISO 2022 IR 13" => Encoding.GetEncoding(932),      // JIS X 0201: its bytes are Shift_JIS's single bytes
        "GB18030" => Encoding.GetEncoding(54936),
        "GBK" => Encoding.GetEncoding(936),
        _ => Default,
    };

    /// <summary>The term a writer puts in (0008,0005) for text that is not all ASCII.</summary>
    public const string Utf8Term = "ISO_IR 192";
}
