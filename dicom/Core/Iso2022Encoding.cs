using System.Text;

namespace Mosmos.Dicom;

/// <summary>
/// Decodes text written with ISO 2022 code extensions (PS3.5 §6.1.2.5, PS3.3 C.12.1.1.2): escape sequences switch
/// the G0 set (ASCII, JIS X 0201 Romaji, JIS X 0208, JIS X 0212) and the G1 set (JIS X 0201 Katakana, KS X 1001,
/// GB 2312, the ISO 8859 parts). The designations return to the initial ones at each value and line delimiter
/// (PS3.5 §6.1.2.5.3). Encoding text writes the initial repertoire only; writers use ISO_IR 192 instead.
/// </summary>
internal sealed class Iso2022Encoding(string firstTerm) : Encoding
{
    private const byte Esc = 0x1B;
    private static readonly Encoding EucJp = GetEncoding(20932), EucKr = GetEncoding(51949), EucCn = GetEncoding(936);

    private enum G0 { Ascii, JisX0208, JisX0212 }

    private Encoding? InitialG1 => firstTerm switch
    {
        "ISO 2022 IR 13" => GetEncoding(932),
        "ISO 2022 IR 149" => EucKr,
        "ISO 2022 IR 58" => EucCn,
        "" or "ISO 2022 IR 6" => null,
        var t => DicomCharacterSet.ForTerm(t.Replace("ISO 2022 IR", "ISO_IR", StringComparison.Ordinal)),
    };

    public override string GetString(byte[] bytes, int index, int count) => Decode(bytes.AsSpan(index, count));

    public override int GetCharCount(byte[] bytes, int index, int count) => Decode(bytes.AsSpan(index, count)).Length;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        var text = Decode(bytes.AsSpan(byteIndex, byteCount));
        text.CopyTo(0, chars, charIndex, text.Length);
        return text.Length;
    }

    public override int GetByteCount(char[] chars, int index, int count) => Latin1.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Latin1.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetMaxByteCount(int charCount) => charCount;

    public override int GetMaxCharCount(int byteCount) => byteCount;

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var g0 = G0.Ascii;
        var g1 = InitialG1;
        for (int i = 0; i < bytes.Length;)
        {
            byte b = bytes[i];
            if (b == Esc)
            {
                i += Designate(bytes[i..], ref g0, ref g1);
                continue;
            }
            if (g0 != G0.Ascii && b is >= 0x21 and < 0x7F && i + 1 < bytes.Length)
            {
                // JIS X 0208 / 0212 in 7 bits: the same code points as EUC-JP with the high bits set.
                ReadOnlySpan<byte> euc = g0 == G0.JisX0208
                    ? [(byte)(b | 0x80), (byte)(bytes[i + 1] | 0x80)]
                    : [0x8F, (byte)(b | 0x80), (byte)(bytes[i + 1] | 0x80)];
                text.Append(EucJp.GetString(euc));
                i += 2;
                continue;
            }
            if (b < 0x80)
            {
                // Delimiters return to the initial designations (PS3.5 §6.1.2.5.3).
                if (b is (byte)'\\' or (byte)'^' or (byte)'=' or 0x0D or 0x0A or 0x09 or 0x0C)
                {
                    g0 = G0.Ascii;
                    g1 = InitialG1;
                }
                text.Append((char)b);
                i++;
                continue;
            }
            int width = g1 is null ? 1 : g1.CodePage is 51949 or 936 or 20932 && i + 1 < bytes.Length ? 2 : 1;
            text.Append((g1 ?? Latin1).GetString(bytes.Slice(i, width)));
            i += width;
        }
        return text.ToString();
    }

    /// <summary>Applies one escape sequence (PS3.3 Table C.12-3, C.12-4) and returns its length.</summary>
    private static int Designate(ReadOnlySpan<byte> s, ref G0 g0, ref Encoding? g1)
    {
        if (s.StartsWith("\e(B"u8) || s.StartsWith("\e(J"u8)) { g0 = G0.Ascii; return 3; }
        if (s.StartsWith("\e$B"u8)) { g0 = G0.JisX0208; return 3; }
        if (s.StartsWith("\e$(D"u8)) { g0 = G0.JisX0212; return 4; }
        if (s.StartsWith("\e)I"u8)) { g1 = GetEncoding(932); return 3; }
        if (s.StartsWith("\e$)C"u8)) { g1 = EucKr; return 4; }
        if (s.StartsWith("\e$)A"u8)) { g1 = EucCn; return 4; }
        if (s.Length >= 3 && s[1] == (byte)'-')
        {
            g1 = s[2] switch
            {
                (byte)'A' => Latin1, (byte)'B' => GetEncoding(28592), (byte)'C' => GetEncoding(28593),
                (byte)'D' => GetEncoding(28594), (byte)'F' => GetEncoding(28597), (byte)'G' => GetEncoding(28596),
                (byte)'H' => GetEncoding(28598), (byte)'L' => GetEncoding(28595), (byte)'M' => GetEncoding(28599),
                (byte)'T' => GetEncoding(874), _ => g1,
            };
            return 3;
        }
        return 1;  // an unknown escape: keep the ESC byte out of the text and go on
    }
}
