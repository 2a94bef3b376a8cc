namespace Mosmos.Dicom;

/// <summary>
/// Parses a data set in one transfer syntax (PS3.5 §7): element headers, values, and the limits of
/// <see cref="DicomReadOptions"/>. Sequences and encapsulated pixel data are in <c>DicomReader.Sequences.cs</c>.
/// </summary>
internal sealed partial class DicomReader(ByteSource source, TransferSyntax syntax, DicomReadOptions options)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private int _elements;
    private int _items;
    private int _fragments;
    private bool _implicitVR = !syntax.IsExplicitVR;

    /// <summary>Reads attributes into <paramref name="dataset"/> until <paramref name="end"/> (absolute offset),
    /// an Item Delimitation when <paramref name="end"/> is −1 inside an item, or the end of the stream at top level.</summary>
    /// <returns>True when the read stopped before Pixel Data because of <see cref="DicomReadOptions.StopBeforePixelData"/>.</returns>
    public bool ReadDataset(DicomDataset dataset, long end, int depth, bool topLevel)
    {
        if (topLevel) DetectVRMismatch();
        while (true)
        {
            if (end >= 0 && source.Position >= end)
            {
                if (source.Position > end) ThrowHelper.Format("an element runs past the end of its item", source.Position);
                return false;
            }
            // A defined-length item cut short exactly at an element boundary at the end of the file (a DICOMDIR
            // quirk) ends there, as DCMTK accepts; a value cut short still fails below.
            if ((topLevel || end >= 0) && source.AtEnd) return false;
            long start = source.Position;
            if (!source.TryEnsure(4)) ThrowHelper.Truncated(start);
            var tag = new DicomTag(source.ReadUInt16(), source.ReadUInt16());
            if (tag == DicomTag.ItemDelimitation)
            {
                if (topLevel || end >= 0) ThrowHelper.Format("Item Delimitation outside an undefined-length item", start, tag);
                source.ReadUInt32();
                return false;
            }
            if (topLevel && tag.Value == 0 && IsTrailingZeroPadding()) return false;
            if (tag.Group == 0xFFFE) ThrowHelper.Format("item tag where an attribute was expected", start, tag);
            if (topLevel && options.StopBeforePixelData && tag >= DicomTags.PixelData)
                return true;
            if (++_elements > options.MaxElements) ThrowHelper.Format($"more than {options.MaxElements} attributes", start, tag);
            var (vr, length) = ReadHeader(tag, start);
            if (_implicitVR) vr = AmbiguousVR.Resolve(tag, vr, dataset);
            dataset.Set(ReadValue(tag, vr, length, depth, start, dataset));
        }
    }

    /// <summary>
    /// Zero bytes after the last attribute (seen in files padded to a block size) end the data set, as DCMTK
    /// accepts; anything else after a (0000,0000) tag at the top level is malformed.
    /// </summary>
    private bool IsTrailingZeroPadding()
    {
        while (source.TryEnsure(1))
        {
            if (source.Peek(1)[0] != 0) ThrowHelper.Format("non-zero bytes after zero padding", source.Position, new DicomTag(0));
            source.Advance(1);
        }
        return true;
    }

    /// <summary>
    /// Some writers encode the data set in implicit VR under an explicit-VR transfer syntax, or the reverse.
    /// The first element header tells which; like pydicom and DCMTK we follow the bytes, not the declaration.
    /// </summary>
    private void DetectVRMismatch()
    {
        if (!source.TryEnsure(6)) return;
        var b = source.Peek(6);
        bool looksExplicit = DicomVR.TryFromBytes(b[4], b[5], out _);
        if (!_implicitVR && !looksExplicit) _implicitVR = true;
        else if (_implicitVR && looksExplicit && !source.BigEndian) _implicitVR = false;
    }

    private (DicomVR Vr, uint Length) ReadHeader(DicomTag tag, long start)
    {
        if (_implicitVR || tag.Group == 0xFFFE)
            return (DicomDictionary.ImplicitVR(tag), source.ReadUInt32());
        // Every explicit header has at least 4 bytes after the tag (VR and a 16-bit length, or VR and 2 reserved
        // bytes): making them available here keeps a header cut short inside the reserved bytes a format error.
        var vrBytes = source.Peek(4);
        byte a = vrBytes[0], b = vrBytes[1];
        source.Advance(2);
        if (!DicomVR.TryFromBytes(a, b, out var vr))
        {
            // PS3.5 §6.2: a reader meeting an unknown VR treats it as UN-like, with a 32-bit length.
            if (!char.IsAsciiLetterUpper((char)a) || !char.IsAsciiLetterUpper((char)b))
                ThrowHelper.Format($"invalid VR bytes 0x{a:X2}{b:X2}", start + 4, tag);
            source.Advance(2);
            return (DicomVR.UN, source.ReadUInt32());
        }
        if (vr.HasLongLength)
        {
            source.Advance(2);  // reserved
            return (vr, source.ReadUInt32());
        }
        return (vr, source.ReadUInt16());
    }

    private DicomItem ReadValue(DicomTag tag, DicomVR vr, uint length, int depth, long start, DicomDataset parent)
    {
        if (vr == DicomVR.SQ || (length == UndefinedLength && vr == DicomVR.UN && tag != DicomTags.PixelData))
            return ReadSequence(tag, vr, length, depth + 1, start, parent);
        if (length == UndefinedLength)
        {
            if (tag == DicomTags.PixelData || vr == DicomVR.OB || vr == DicomVR.OW)
                return ReadFragments(tag, vr);
            ThrowHelper.Format($"undefined length is not allowed for VR {vr}", start, tag);
        }
        return ReadPrimitive(tag, vr, length, start);
    }

    private DicomElement ReadPrimitive(DicomTag tag, DicomVR vr, uint length, long start)
    {
        if (length > options.MaxElementLength)
            ThrowHelper.Format($"value length {length} exceeds the limit of {options.MaxElementLength} bytes", start, tag);
        int swap = source.BigEndian ? ByteSwap.SizeFor(vr) : 1;
        if (source.FilePath is { } path && length > options.DeferValuesLongerThan)
        {
            long offset = source.Position;
            source.Skip(length, tag);
            return new DicomElement(tag, vr, new DeferredValue(path, offset, length, swap));
        }
        var bytes = source.ReadBytes((int)length, tag);
        ByteSwap.InPlace(bytes, swap);
        return new DicomElement(tag, vr, bytes);
    }
}

internal sealed partial class DicomReader
{
    /// <summary>Reads elements while their group is 0002. The group length is informative only: some writers get it wrong.</summary>
    public void ReadMetaGroup(DicomDataset meta)
    {
        while (source.TryEnsure(6) && source.Peek(2)[0] == 0x02 && source.Peek(2)[1] == 0x00)
        {
            long start = source.Position;
            var tag = new DicomTag(source.ReadUInt16(), source.ReadUInt16());
            var (vr, length) = ReadHeader(tag, start);
            if (length == UndefinedLength) ThrowHelper.Format("undefined length in the file meta information", start, tag);
            meta.Set(ReadPrimitive(tag, vr, length, start));
        }
    }
}
