using System.Buffers.Binary;
using System.Globalization;

namespace Mosmos.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>The whole text value with padding trimmed (backslashes kept), or null when absent or not text.</summary>
    public string? GetString(DicomTag tag)
    {
        if (!TryGet(tag, out var item) || item is not DicomElement e || !e.VR.IsText) return null;
        var text = DecodeText(e);
        return e.VR.IsSingleValuedText ? text.TrimEnd(' ', '\0') : text.Trim(' ', '\0');
    }

    /// <summary>The values of a text element split at backslashes (PS3.5 §6.4) and trimmed; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        if (!TryGet(tag, out var item) || item is not DicomElement e || !e.VR.IsText || e.Length == 0) return [];
        return SplitText(DecodeText(e), e.VR);
    }

    /// <summary>One value of a multi-valued text element, or null.</summary>
    public string? GetString(DicomTag tag, int index)
    {
        var values = GetStrings(tag);
        return index < values.Length && values[index].Length > 0 ? values[index] : null;
    }

    /// <summary>Numbers from DS, IS or any binary numeric VR; unparsable DS/IS values throw <see cref="DicomFormatException"/>.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        if (!TryGet(tag, out var item) || item is not DicomElement e) return [];
        if (e.VR == DicomVR.DS || e.VR == DicomVR.IS)
        {
            var strings = SplitText(DecodeText(e), e.VR);
            var result = new double[strings.Length];
            for (int i = 0; i < strings.Length; i++)
            {
                if (!double.TryParse(strings[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                    ThrowHelper.Format($"'{strings[i]}' is not a valid {e.VR} value", -1, tag);
            }
            return result;
        }
        return ReadBinaryNumbers(e);
    }

    public double? GetDouble(DicomTag tag, int index = 0)
    {
        var values = GetDoubles(tag);
        return index < values.Length ? values[index] : null;
    }

    public int? GetInt32(DicomTag tag, int index = 0)
    {
        var values = GetDoubles(tag);
        return index < values.Length ? checked((int)values[index]) : null;
    }

    public ushort? GetUInt16(DicomTag tag, int index = 0)
    {
        if (!TryGet(tag, out var item) || item is not DicomElement e) return null;
        if (e.VR != DicomVR.US && e.VR != DicomVR.OW && e.VR != DicomVR.UN)
            return (ushort?)GetInt32(tag, index);
        var span = e.Value.Span;
        return span.Length >= (index + 1) * 2 ? BinaryPrimitives.ReadUInt16LittleEndian(span[(index * 2)..]) : null;
    }

    /// <summary>AT values as tags.</summary>
    public DicomTag[] GetTags(DicomTag tag)
    {
        if (!TryGet(tag, out var item) || item is not DicomElement { VR: var vr } e || vr != DicomVR.AT) return [];
        var span = e.Value.Span;
        var tags = new DicomTag[span.Length / 4];
        for (int i = 0; i < tags.Length; i++)
            tags[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4 + 2)..]));
        return tags;
    }

    /// <summary>The items of a sequence; empty when absent.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        TryGet(tag, out var item) && item is DicomSequence s ? s.Items : [];

    /// <summary>The first item of a sequence, or null.</summary>
    public DicomDataset? GetSequenceItem(DicomTag tag, int index = 0)
    {
        var items = GetSequence(tag);
        return index < items.Count ? items[index] : null;
    }

    /// <summary>The raw value bytes of a primitive element; empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) =>
        TryGet(tag, out var item) && item is DicomElement e ? e.Value : ReadOnlyMemory<byte>.Empty;

    internal string DecodeText(DicomElement e) =>
        // Values restricted to the default repertoire (PS3.5 §6.1.2.3) never use the extended character set.
        (e.VR == DicomVR.UI || e.VR == DicomVR.CS || e.VR == DicomVR.DS || e.VR == DicomVR.IS || e.VR == DicomVR.DA
         || e.VR == DicomVR.TM || e.VR == DicomVR.DT || e.VR == DicomVR.AS || e.VR == DicomVR.AE || e.VR == DicomVR.UR
            ? DicomCharacterSet.Default : Encoding).GetString(e.Value.Span);

    internal static string[] SplitText(string text, DicomVR vr)
    {
        if (vr.IsSingleValuedText) return [text.TrimEnd(' ', '\0')];
        var parts = text.Split('\\');
        for (int i = 0; i < parts.Length; i++)
            parts[i] = parts[i].Trim(' ', '\0');
        return parts;
    }

    private static double[] ReadBinaryNumbers(DicomElement e)
    {
        var span = e.Value.Span;
        int size = e.VR.BinaryElementSize;
        if (size == 0) return [];
        var values = new double[span.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var s = span[(i * size)..];
            values[i] = e.VR.Code switch
            {
                0x5553 => BinaryPrimitives.ReadUInt16LittleEndian(s),  // US
                0x5353 => BinaryPrimitives.ReadInt16LittleEndian(s),   // SS
                0x554C => BinaryPrimitives.ReadUInt32LittleEndian(s),  // UL
                0x534C => BinaryPrimitives.ReadInt32LittleEndian(s),   // SL
                0x464C => BinaryPrimitives.ReadSingleLittleEndian(s),  // FL
                0x4644 => BinaryPrimitives.ReadDoubleLittleEndian(s),  // FD
                0x5356 => BinaryPrimitives.ReadInt64LittleEndian(s),   // SV
                0x5556 => BinaryPrimitives.ReadUInt64LittleEndian(s),  // UV
                _ => BinaryPrimitives.ReadUInt32LittleEndian(s),       // AT as a number
            };
        }
        return values;
    }
}
