namespace Mosmos.Dicom;

/// <summary>A value representation (PS3.5 §6.2), identified by its two-character code.</summary>
public readonly record struct DicomVR
{
    private DicomVR(char a, char b) => Code = (ushort)((a << 8) | b);

    /// <summary>The two ASCII characters packed big-endian, as they appear in an explicit-VR stream.</summary>
    public ushort Code { get; }

    public static readonly DicomVR AE = new('A', 'E'), AS = new('A', 'S'), AT = new('A', 'T'), CS = new('C', 'S'),
        DA = new('D', 'A'), DS = new('D', 'S'), DT = new('D', 'T'), FL = new('F', 'L'), FD = new('F', 'D'),
        IS = new('I', 'S'), LO = new('L', 'O'), LT = new('L', 'T'), OB = new('O', 'B'), OD = new('O', 'D'),
        OF = new('O', 'F'), OL = new('O', 'L'), OV = new('O', 'V'), OW = new('O', 'W'), PN = new('P', 'N'),
        SH = new('S', 'H'), SL = new('S', 'L'), SQ = new('S', 'Q'), SS = new('S', 'S'), ST = new('S', 'T'),
        SV = new('S', 'V'), TM = new('T', 'M'), UC = new('U', 'C'), UI = new('U', 'I'), UL = new('U', 'L'),
        UN = new('U', 'N'), UR = new('U', 'R'), US = new('U', 'S'), UT = new('U', 'T'), UV = new('U', 'V');

    /// <summary>Returns the VR for two bytes of an explicit-VR header, or false when they name no VR.</summary>
    public static bool TryFromBytes(byte a, byte b, out DicomVR vr)
    {
        vr = new DicomVR((char)a, (char)b);
        return vr.IsKnown;
    }

    public static bool TryParse(string? code, out DicomVR vr)
    {
        vr = default;
        return code is { Length: 2 } && TryFromBytes((byte)code[0], (byte)code[1], out vr);
    }

    public bool IsKnown => Info.Kind != VRKind.Unknown;

    /// <summary>Explicit VR with a reserved 2 bytes and a 32-bit length (PS3.5 Table 7.1-1).</summary>
    public bool HasLongLength => Info.LongLength;

    /// <summary>Character-string VRs whose bytes follow the Specific Character Set.</summary>
    public bool IsText => Info.Kind is VRKind.Text or VRKind.TextSingle;

    /// <summary>Text VRs that never hold backslash-separated multiple values (LT, ST, UT, UR).</summary>
    public bool IsSingleValuedText => Info.Kind == VRKind.TextSingle;

    /// <summary>Fixed-size binary numbers (AT, FL, FD, SL, SS, SV, UL, US, UV); 0 for others.</summary>
    public int BinaryElementSize => Info.ElementSize;

    /// <summary>Bulk binary VRs (OB, OD, OF, OL, OV, OW, UN).</summary>
    public bool IsBulk => Info.Kind == VRKind.Bulk;

    /// <summary>Byte used to pad to even length: NUL for UI and binary, space for text (PS3.5 §6.2).</summary>
    public byte PaddingByte => IsText && this != UI ? (byte)' ' : (byte)0;

    /// <summary>Maximum value length in bytes per value for text VRs, 0 when unbounded (PS3.5 Table 6.2-1).</summary>
    public int MaxLength => Info.MaxLength;

    public override string ToString() => string.Concat((char)(Code >> 8), (char)(Code & 0xFF));

    private VRInfo Info => Code switch
    {
        0x4145 => new(VRKind.Text, false, 0, 16),   // AE
        0x4153 => new(VRKind.Text, false, 0, 4),    // AS
        0x4154 => new(VRKind.Binary, false, 4, 0),  // AT
        0x4353 => new(VRKind.Text, false, 0, 16),   // CS
        0x4441 => new(VRKind.Text, false, 0, 8),    // DA
        0x4453 => new(VRKind.Text, false, 0, 16),   // DS
        0x4454 => new(VRKind.Text, false, 0, 26),   // DT
        0x464C => new(VRKind.Binary, false, 4, 0),  // FL
        0x4644 => new(VRKind.Binary, false, 8, 0),  // FD
        0x4953 => new(VRKind.Text, false, 0, 12),   // IS
        0x4C4F => new(VRKind.Text, false, 0, 64),   // LO
        0x4C54 => new(VRKind.TextSingle, false, 0, 10240), // LT
        0x4F42 or 0x4F44 or 0x4F46 or 0x4F4C or 0x4F56 or 0x4F57 or 0x554E => new(VRKind.Bulk, true, 0, 0), // OB OD OF OL OV OW UN
        0x504E => new(VRKind.Text, false, 0, 64 * 3), // PN: 64 per component group
        0x5348 => new(VRKind.Text, false, 0, 16),   // SH
        0x534C => new(VRKind.Binary, false, 4, 0),  // SL
        0x5351 => new(VRKind.Sequence, true, 0, 0), // SQ
        0x5353 => new(VRKind.Binary, false, 2, 0),  // SS
        0x5354 => new(VRKind.TextSingle, false, 0, 1024), // ST
        0x5356 => new(VRKind.Binary, true, 8, 0),   // SV
        0x544D => new(VRKind.Text, false, 0, 14),   // TM
        0x5543 => new(VRKind.Text, true, 0, 0),     // UC
        0x5549 => new(VRKind.Text, false, 0, 64),   // UI
        0x554C => new(VRKind.Binary, false, 4, 0),  // UL
        0x5552 => new(VRKind.TextSingle, true, 0, 0), // UR
        0x5553 => new(VRKind.Binary, false, 2, 0),  // US
        0x5554 => new(VRKind.TextSingle, true, 0, 0), // UT
        0x5556 => new(VRKind.Binary, true, 8, 0),   // UV
        _ => default,
    };

    private enum VRKind : byte { Unknown, Text, TextSingle, Binary, Bulk, Sequence }

    private readonly record struct VRInfo(VRKind Kind, bool LongLength, int ElementSize, int MaxLength);
}
