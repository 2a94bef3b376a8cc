using System.Globalization;

namespace Mosmos.Dicom;

/// <summary>A data element tag (PS3.5 §7.1): group and element number.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Item (FFFE,E000), Item Delimitation (FFFE,E00D), Sequence Delimitation (FFFE,E0DD): PS3.5 §7.5.</summary>
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);

    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value) { }

    /// <summary>Group in the high 16 bits, element in the low 16 bits: the order of PS3.5 §7.1.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Odd groups other than 1, 3, 5, 7 and FFFF are private (PS3.5 §7.8).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>(gggg,0010)–(gggg,00FF) in a private group reserve a block (PS3.5 §7.8.1).</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>Group length elements (gggg,0000) are retired outside group 0002 (PS3.5 §7.2).</summary>
    public bool IsGroupLength => Element == 0x0000;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>The DICOM JSON form (PS3.18 F.2.1.1): eight upper-case hex digits.</summary>
    public string ToJsonKey() => Value.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Parses "GGGGEEEE" or "(GGGG,EEEE)".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        tag = default;
        Span<char> digits = stackalloc char[8];
        int n = 0;
        foreach (var c in text)
        {
            if (c is '(' or ')' or ',' or ' ') continue;
            if (n == 8 || !char.IsAsciiHexDigit(c)) return false;
            digits[n++] = c;
        }
        if (n != 8 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            return false;
        tag = new DicomTag(v);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");
}
