using System.Buffers.Binary;

namespace Mosmos.Dicom;

/// <summary>
/// Encapsulated pixel data in JSON: PS3.18 F.2.7 carries the value field as it is in the Part 10 encoding —
/// Basic Offset Table item, fragment items, Sequence Delimitation Item (PS3.5 §A.4), all little-endian.
/// pydicom reads and writes the same bytes.
/// </summary>
internal static class DicomJsonEncapsulation
{
    private const int ItemHeader = 8;

    public static long EncodedLength(DicomFragments fragments)
    {
        long length = ItemHeader + 4L * fragments.OffsetTable.Count + ItemHeader;
        foreach (var f in fragments.Fragments) length += ItemHeader + f.Length + (f.Length & 1);
        return length;
    }

    public static ReadOnlyMemory<byte> Encode(DicomFragments fragments)
    {
        var bytes = new byte[checked((int)EncodedLength(fragments))];
        var span = bytes.AsSpan();
        int pos = Header(span, DicomTag.Item, (uint)(4 * fragments.OffsetTable.Count));
        foreach (var offset in fragments.OffsetTable)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], offset);
            pos += 4;
        }
        foreach (var f in fragments.Fragments)
        {
            var value = f.Value.Span;
            pos += Header(span[pos..], DicomTag.Item, (uint)(value.Length + (value.Length & 1)));
            value.CopyTo(span[pos..]);
            pos += value.Length + (value.Length & 1);  // the padding byte is already zero
        }
        Header(span[pos..], DicomTag.SequenceDelimitation, 0);
        return bytes;
    }

    /// <summary>True when bytes start with an Item tag, which no native pixel data stream is required to avoid
    /// but which is how an encapsulated value field always begins.</summary>
    public static bool LooksEncapsulated(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 16 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0xE000FFFE
        && BinaryPrimitives.ReadUInt32LittleEndian(bytes[^8..]) == 0xE0DDFFFE;

    /// <summary>Parses an encapsulated value field; malformed input raises <see cref="DicomFormatException"/>.</summary>
    public static DicomFragments Decode(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
    {
        var offsets = new List<uint>();
        var fragments = new List<DicomElement>();
        var span = bytes.Span;
        int pos = 0;
        bool first = true;
        while (true)
        {
            if (span.Length - pos < ItemHeader) ThrowHelper.Truncated(pos, tag);
            var itemTag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(pos + 2)..]));
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + 4)..]);
            pos += ItemHeader;
            if (itemTag == DicomTag.SequenceDelimitation) break;
            if (itemTag != DicomTag.Item) ThrowHelper.Format($"expected a fragment item, found {itemTag}", pos - ItemHeader, tag);
            if (length > (uint)(span.Length - pos)) ThrowHelper.Format($"fragment of {length} bytes runs past the value", pos - ItemHeader, tag);
            if (first)
            {
                first = false;
                if (length % 4 != 0) ThrowHelper.Format("the Basic Offset Table length is not a multiple of 4", pos - ItemHeader, tag);
                for (int i = 0; i < length; i += 4) offsets.Add(BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + i)..]));
            }
            else
            {
                fragments.Add(new DicomElement(DicomTag.Item, DicomVR.OB, bytes.Slice(pos, (int)length)));
            }
            pos += (int)length;
        }
        return new DicomFragments(tag, vr, offsets, fragments);
    }

    private static int Header(Span<byte> span, DicomTag tag, uint length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], length);
        return ItemHeader;
    }
}
