namespace Mosmos.Dicom;

/// <summary>
/// DS and IS text ↔ JSON numbers (PS3.18 F.2.3: DS and IS values are JSON numbers). DICOM allows spellings that
/// JSON does not ("+5", "007", ".5", "1."); they are rewritten the way dcmtk's dcm2json does, keeping every
/// significant digit and any trailing zeros, so the number is the same and the text stays recognisable.
/// </summary>
internal static class DicomJsonNumbers
{
    /// <summary>The JSON spelling of a DS value, or null when the text is not a number at all.</summary>
    public static string? NormalizeDecimal(string value)
    {
        var s = value.Replace("+", "", StringComparison.Ordinal);
        bool minus = s.StartsWith('-');
        if (minus) s = s[1..];
        int first = 0;
        while (first < s.Length && s[first] == '0') first++;
        s = first == s.Length ? "0" : s[first] == '.' ? "0" + s[first..] : s[first..];
        if (minus) s = "-" + s;
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && (dot == s.Length - 1 || !char.IsAsciiDigit(s[dot + 1])))
            s = s.Insert(dot + 1, "0");
        return IsJsonNumber(s, integer: false) ? s : null;
    }

    /// <summary>The JSON spelling of an IS value, or null when the text is not an integer.</summary>
    public static string? NormalizeInteger(string value)
    {
        var s = value.Replace("+", "", StringComparison.Ordinal);
        bool minus = s.StartsWith('-');
        if (minus) s = s[1..];
        int first = 0;
        while (first < s.Length && s[first] == '0') first++;
        s = first == s.Length ? "0" : s[first..];
        if (minus) s = "-" + s;
        return IsJsonNumber(s, integer: true) ? s : null;
    }

    /// <summary>RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    public static bool IsJsonNumber(ReadOnlySpan<char> s, bool integer)
    {
        int i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i == s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (integer) return i == s.Length;
        if (i < s.Length && s[i] == '.')
        {
            if (++i == s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            if (i == s.Length || !char.IsAsciiDigit(s[i])) return false;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        return i == s.Length;
    }
}
