using System.Buffers.Binary;

namespace Mosmos.Dicom;

/// <summary>
/// Writes Part 10 files (PS3.10 §7.1): preamble, "DICM", File Meta Information with its group length and our
/// implementation identity, then the data set in Explicit VR Little Endian, Implicit VR Little Endian, or an
/// encapsulated syntax when the pixel data is already encapsulated. Sequences and items use undefined length.
/// </summary>
public static class DicomWriter
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    public static void Write(string path, DicomDataset dataset, TransferSyntax? syntax = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream, dataset, syntax);
    }

    public static byte[] ToBytes(DicomDataset dataset, TransferSyntax? syntax = null)
    {
        using var stream = new MemoryStream();
        Write(stream, dataset, syntax);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="dataset"/> with fresh meta information built from its SOP Class and Instance UIDs.</summary>
    public static void Write(Stream stream, DicomDataset dataset, TransferSyntax? syntax = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        syntax ??= TransferSyntax.ExplicitVRLittleEndian;
        if (syntax.IsBigEndian || syntax.IsDeflated)
            throw new ArgumentException($"writing {syntax.Name} is not supported", nameof(syntax));
        if (syntax.IsEncapsulated != (dataset[DicomTags.PixelData] is DicomFragments))
            throw new ArgumentException($"{syntax.Name} does not match the data set's pixel data encoding", nameof(syntax));
        var sopClass = dataset.GetString(DicomTags.SopClassUid);
        var sopInstance = dataset.GetString(DicomTags.SopInstanceUid);
        if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
            throw new ArgumentException("the data set needs SOPClassUID and SOPInstanceUID", nameof(dataset));

        var meta = new DicomDataset()
            .SetBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0x00, 0x01 })
            .SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, sopClass)
            .SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, sopInstance)
            .SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, syntax.Uid)
            .SetString(DicomTags.ImplementationClassUid, DicomVR.UI, DicomUid.ImplementationClassUid)
            .SetString(DicomTags.ImplementationVersionName, DicomVR.SH, DicomUid.ImplementationVersionName);
        var metaBytes = new MemoryStream();
        var metaWriter = new ElementWriter(metaBytes, explicitVR: true);
        foreach (var item in meta) metaWriter.Write(item);

        Span<byte> header = stackalloc byte[128 + 4 + 12];
        header.Clear();
        "DICM"u8.CopyTo(header[128..]);
        // (0002,0000) UL FileMetaInformationGroupLength: bytes of the group after this element (PS3.10 §7.1).
        BinaryPrimitives.WriteUInt16LittleEndian(header[132..], 0x0002);
        BinaryPrimitives.WriteUInt16LittleEndian(header[134..], 0x0000);
        header[136] = (byte)'U';
        header[137] = (byte)'L';
        BinaryPrimitives.WriteUInt16LittleEndian(header[138..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[140..], checked((uint)metaBytes.Length));
        stream.Write(header);
        metaBytes.WriteTo(stream);

        var writer = new ElementWriter(stream, syntax.IsExplicitVR);
        foreach (var item in dataset)
        {
            if (item.Tag.Group == 0x0002 || (item.Tag.IsGroupLength && item.Tag.Group != 0x0000)) continue;
            writer.Write(item);
        }
    }

    /// <summary>Writes the bare data set (no preamble or meta), as used inside DICOMweb and for tests.</summary>
    public static void WriteDataset(Stream stream, DicomDataset dataset, bool explicitVR = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var writer = new ElementWriter(stream, explicitVR);
        foreach (var item in dataset) writer.Write(item);
    }

    private sealed class ElementWriter(Stream stream, bool explicitVR)
    {
        private readonly byte[] _header = new byte[12];

        public void Write(DicomItem item)
        {
            switch (item)
            {
                case DicomSequence seq:
                    Header(item.Tag, DicomVR.SQ, UndefinedLength);
                    foreach (var child in seq.Items)
                    {
                        Header(DicomTag.Item, default, UndefinedLength);
                        foreach (var element in child) Write(element);
                        Header(DicomTag.ItemDelimitation, default, 0);
                    }
                    Header(DicomTag.SequenceDelimitation, default, 0);
                    break;
                case DicomFragments frags:
                    Header(item.Tag, item.VR, UndefinedLength);
                    Header(DicomTag.Item, default, (uint)frags.OffsetTable.Count * 4);
                    foreach (var offset in frags.OffsetTable)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(_header, offset);
                        stream.Write(_header, 0, 4);
                    }
                    foreach (var fragment in frags.Fragments)
                        Value(DicomTag.Item, default, fragment.Value.Span, 0);
                    Header(DicomTag.SequenceDelimitation, default, 0);
                    break;
                case DicomElement element:
                    Value(item.Tag, item.VR, element.Value.Span, item.VR.PaddingByte);
                    break;
            }
        }

        private void Value(DicomTag tag, DicomVR vr, ReadOnlySpan<byte> value, byte padding)
        {
            bool odd = value.Length % 2 == 1;
            Header(tag, vr, checked((uint)(value.Length + (odd ? 1 : 0))));
            stream.Write(value);
            if (odd) stream.WriteByte(padding);
        }

        private void Header(DicomTag tag, DicomVR vr, uint length)
        {
            var h = _header.AsSpan();
            BinaryPrimitives.WriteUInt16LittleEndian(h, tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(h[2..], tag.Element);
            if (!explicitVR || tag.Group == 0xFFFE)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(h[4..], length);
                stream.Write(h[..8]);
                return;
            }
            h[4] = (byte)(vr.Code >> 8);
            h[5] = (byte)vr.Code;
            if (vr.HasLongLength)
            {
                h[6] = h[7] = 0;
                BinaryPrimitives.WriteUInt32LittleEndian(h[8..], length);
                stream.Write(h[..12]);
                return;
            }
            if (length > ushort.MaxValue)
                throw new InvalidOperationException($"{tag} {vr} value of {length} bytes does not fit a 16-bit length");
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)length);
            stream.Write(h[..8]);
        }
    }
}
