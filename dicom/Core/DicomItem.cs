namespace Mosmos.Dicom;

/// <summary>An attribute of a data set: a primitive element, a sequence, or encapsulated pixel data.</summary>
public abstract class DicomItem(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;

    public DicomVR VR { get; } = vr;

    public override string ToString() => $"{Tag} {VR}";
}

/// <summary>
/// A primitive element. Its value is kept as encoded bytes: little-endian for binary VRs (big-endian input is
/// swapped on read) and in the data set's character set for text, including any trailing padding byte.
/// Large values read from a file can be deferred: they are loaded from the file on first access.
/// </summary>
public sealed class DicomElement : DicomItem
{
    private ReadOnlyMemory<byte> _value;
    private DeferredValue? _deferred;

    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) : base(tag, vr) => _value = value;

    internal DicomElement(DicomTag tag, DicomVR vr, DeferredValue deferred) : base(tag, vr) => _deferred = deferred;

    /// <summary>The encoded value; a deferred value is read from its file now.</summary>
    public ReadOnlyMemory<byte> Value
    {
        get
        {
            if (_deferred is { } d)
            {
                _value = d.Load();
                _deferred = null;
            }
            return _value;
        }
    }

    /// <summary>Length of the value in bytes, without loading a deferred value.</summary>
    public long Length => _deferred?.Length ?? _value.Length;

    /// <summary>Whether the value still lives only in the file it was read from.</summary>
    public bool IsDeferred => _deferred is not null;
}

/// <summary>A sequence of items (VR SQ), each a nested data set (PS3.5 §7.5).</summary>
public sealed class DicomSequence(DicomTag tag, IEnumerable<DicomDataset> items) : DicomItem(tag, DicomVR.SQ)
{
    public IReadOnlyList<DicomDataset> Items { get; } = items.ToArray();
}

/// <summary>Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table and the fragments, not decoded.</summary>
public sealed class DicomFragments(DicomTag tag, DicomVR vr, IReadOnlyList<uint> offsetTable, IReadOnlyList<DicomElement> fragments)
    : DicomItem(tag, vr)
{
    /// <summary>Byte offsets of each frame's first fragment, relative to the first fragment; empty when absent.</summary>
    public IReadOnlyList<uint> OffsetTable { get; } = offsetTable;

    public IReadOnlyList<DicomElement> Fragments { get; } = fragments;
}

/// <summary>Where a deferred value lives: a byte range of a file, and the element size to swap for big-endian input.</summary>
internal sealed record DeferredValue(string Path, long Offset, long Length, int SwapSize)
{
    public ReadOnlyMemory<byte> Load()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)Length));
        using (var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            int read = 0;
            while (read < bytes.Length)
            {
                int n = RandomAccess.Read(handle, bytes.AsSpan(read), Offset + read);
                if (n == 0)
                    throw new DicomFormatException("the file was truncated after its header was read", Offset + read, null);
                read += n;
            }
        }
        ByteSwap.InPlace(bytes, SwapSize);
        return bytes;
    }
}
