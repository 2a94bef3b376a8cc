using System.Buffers.Binary;
using System.Text;

namespace Mosmos.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>Sets a text element from one or more values (joined with backslashes), padded to even length.</summary>
    public DicomDataset SetString(DicomTag tag, DicomVR vr, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!vr.IsText) throw new ArgumentException($"{vr} is not a text VR", nameof(vr));
        if (vr.IsSingleValuedText && values.Length > 1) throw new ArgumentException($"{vr} holds a single value", nameof(values));
        foreach (var v in values)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(values));
            if (!vr.IsSingleValuedText && v.Contains('\\', StringComparison.Ordinal))
                throw new ArgumentException($"a {vr} value may not contain a backslash: {tag}", nameof(values));
            if (vr == DicomVR.UI && v.Length > 0 && !DicomUid.IsValid(v))
                throw new ArgumentException($"'{v}' is not a valid UID (PS3.5 §9.1): {tag}", nameof(values));
            if (vr.MaxLength > 0 && v.Length > vr.MaxLength)
                throw new ArgumentException($"a {vr} value is at most {vr.MaxLength} characters: {tag}", nameof(values));
        }
        var text = string.Join('\\', values);
        var encoding = vr == DicomVR.UI || vr == DicomVR.CS || vr == DicomVR.DS || vr == DicomVR.IS ? Encoding.ASCII : Encoding;
        return Set(new DicomElement(tag, vr, Pad(encoding.GetBytes(text), vr.PaddingByte)));
    }

    /// <summary>Sets a DS element; values are formatted invariantly in at most 16 characters (PS3.5 Table 6.2-1).</summary>
    public DicomDataset SetDecimals(DicomTag tag, params double[] values) =>
        SetString(tag, DicomVR.DS, Array.ConvertAll(values, DicomValueFormat.FormatDecimalString));

    /// <summary>Sets an IS element (at most 12 characters per value).</summary>
    public DicomDataset SetIntegerStrings(DicomTag tag, params long[] values) =>
        SetString(tag, DicomVR.IS, Array.ConvertAll(values, DicomValueFormat.FormatIntegerString));

    public DicomDataset SetUInt16(DicomTag tag, params ushort[] values) =>
        SetBinary(tag, DicomVR.US, values, 2, static (s, v) => BinaryPrimitives.WriteUInt16LittleEndian(s, v));

    public DicomDataset SetInt16(DicomTag tag, params short[] values) =>
        SetBinary(tag, DicomVR.SS, values, 2, static (s, v) => BinaryPrimitives.WriteInt16LittleEndian(s, v));

    public DicomDataset SetUInt32(DicomTag tag, params uint[] values) =>
        SetBinary(tag, DicomVR.UL, values, 4, static (s, v) => BinaryPrimitives.WriteUInt32LittleEndian(s, v));

    public DicomDataset SetInt32(DicomTag tag, params int[] values) =>
        SetBinary(tag, DicomVR.SL, values, 4, static (s, v) => BinaryPrimitives.WriteInt32LittleEndian(s, v));

    public DicomDataset SetFloat32(DicomTag tag, params float[] values) =>
        SetBinary(tag, DicomVR.FL, values, 4, static (s, v) => BinaryPrimitives.WriteSingleLittleEndian(s, v));

    public DicomDataset SetFloat64(DicomTag tag, params double[] values) =>
        SetBinary(tag, DicomVR.FD, values, 8, static (s, v) => BinaryPrimitives.WriteDoubleLittleEndian(s, v));

    /// <summary>Sets an AT element (PS3.5 §6.2: group then element, each 16-bit).</summary>
    public DicomDataset SetTags(DicomTag tag, params DicomTag[] values) =>
        SetBinary(tag, DicomVR.AT, values, 4, static (s, v) =>
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s, v.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(s[2..], v.Element);
        });

    /// <summary>Sets a binary element from bytes already in little-endian order; odd lengths are padded with NUL.</summary>
    public DicomDataset SetBytes(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) =>
        Set(new DicomElement(tag, vr, value.Length % 2 == 0 ? value : Pad(value.ToArray(), 0)));

    public DicomDataset SetSequence(DicomTag tag, params IEnumerable<DicomDataset> items) =>
        Set(new DicomSequence(tag, items));

    /// <summary>Sets an element with no value (Type 2 attributes that are present but empty).</summary>
    public DicomDataset SetEmpty(DicomTag tag, DicomVR vr) =>
        vr == DicomVR.SQ ? SetSequence(tag) : Set(new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty));

    /// <summary>Copies the listed attributes from another data set where present.</summary>
    public DicomDataset CopyFrom(DicomDataset source, params IEnumerable<DicomTag> tags)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var tag in tags)
        {
            if (source.TryGet(tag, out var item))
                Set(item is DicomSequence s ? new DicomSequence(s.Tag, s.Items.Select(i => i.Clone())) : item);
        }
        return this;
    }

    private DicomDataset SetBinary<T>(DicomTag tag, DicomVR vr, T[] values, int size, SpanAction<T> write)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
            write(bytes.AsSpan(i * size, size), values[i]);
        return Set(new DicomElement(tag, vr, bytes));
    }

    private static byte[] Pad(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0) return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private delegate void SpanAction<in T>(Span<byte> destination, T value);
}
