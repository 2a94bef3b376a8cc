namespace Mosmos.Dicom;

internal sealed partial class DicomReader
{
    /// <summary>Items of a sequence of defined or undefined length (PS3.5 §7.5); implicit VR LE inside UN (CP-246).</summary>
    private DicomSequence ReadSequence(DicomTag tag, DicomVR vr, uint length, int depth, long start, DicomDataset parent)
    {
        if (depth > options.MaxDepth) ThrowHelper.Format($"sequences nested deeper than {options.MaxDepth}", start, tag);
        bool undefined = length == UndefinedLength;
        long end = undefined ? -1 : source.Position + length;
        // A UN of undefined length is a sequence encoded in Implicit VR Little Endian (PS3.5 §6.2.2 Note 4).
        bool wasImplicit = _implicitVR, wasBigEndian = source.BigEndian;
        if (vr == DicomVR.UN)
        {
            _implicitVR = true;
            source.BigEndian = false;
        }
        var items = new List<DicomDataset>();
        while (true)
        {
            if (!undefined && (source.Position >= end || source.AtEnd))
            {
                if (source.Position > end) ThrowHelper.Format("an item runs past the end of its sequence", source.Position, tag);
                break;
            }
            long itemStart = source.Position;
            if (!source.TryEnsure(8)) ThrowHelper.Truncated(itemStart, tag);
            var itemTag = new DicomTag(source.ReadUInt16(), source.ReadUInt16());
            uint itemLength = source.ReadUInt32();
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                if (!undefined) ThrowHelper.Format("Sequence Delimitation in a defined-length sequence", itemStart, tag);
                break;
            }
            if (itemTag != DicomTag.Item)
                ThrowHelper.Format($"expected an item, found {itemTag}", itemStart, tag);
            if (++_items > options.MaxItems) ThrowHelper.Format($"more than {options.MaxItems} sequence items", itemStart, tag);
            // An item that overruns its sequence's defined length (seen in DICOMDIRs) is read whole and the sequence
            // ends after it, as DCMTK does; the item's own length still bounds its contents.
            if (itemLength != UndefinedLength && end >= 0 && source.Position + itemLength > end)
                end = source.Position + itemLength;
            var item = new DicomDataset { Parent = parent };
            ReadDataset(item, itemLength == UndefinedLength ? -1 : source.Position + itemLength, depth, topLevel: false);
            items.Add(item);
        }
        _implicitVR = wasImplicit;
        source.BigEndian = wasBigEndian;
        return new DicomSequence(tag, items);
    }

    /// <summary>Encapsulated pixel data: Basic Offset Table item, fragment items, Sequence Delimitation (PS3.5 §A.4).</summary>
    private DicomFragments ReadFragments(DicomTag tag, DicomVR vr)
    {
        var offsets = new List<uint>();
        var fragments = new List<DicomElement>();
        bool first = true;
        while (true)
        {
            long itemStart = source.Position;
            if (!source.TryEnsure(8)) ThrowHelper.Truncated(itemStart, tag);
            var itemTag = new DicomTag(source.ReadUInt16(), source.ReadUInt16());
            uint length = source.ReadUInt32();
            if (itemTag == DicomTag.SequenceDelimitation) break;
            if (itemTag != DicomTag.Item) ThrowHelper.Format($"expected a fragment item, found {itemTag}", itemStart, tag);
            if (length == UndefinedLength) ThrowHelper.Format("a fragment has undefined length", itemStart, tag);
            if (++_fragments > options.MaxFragments) ThrowHelper.Format($"more than {options.MaxFragments} fragments", itemStart, tag);
            if (first)
            {
                first = false;
                if (length % 4 != 0) ThrowHelper.Format("the Basic Offset Table length is not a multiple of 4", itemStart, tag);
                for (uint i = 0; i < length / 4; i++) offsets.Add(source.ReadUInt32());
                continue;
            }
            fragments.Add(ReadPrimitive(tag, DicomVR.OB, length, itemStart));
        }
        return new DicomFragments(tag, vr, offsets, fragments);
    }
}
