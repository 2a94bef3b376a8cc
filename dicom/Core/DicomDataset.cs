using System.Collections;
using System.Text;

namespace Mosmos.Dicom;

/// <summary>
/// A data set (PS3.5 §7): attributes kept in ascending tag order. Typed accessors live in
/// <c>DicomDataset.Get.cs</c> and <c>DicomDataset.Set.cs</c>.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomItem>
{
    private readonly List<DicomItem> _items = [];
    private Encoding? _encoding;

    public DicomDataset() { }

    public DicomDataset(IEnumerable<DicomItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
            Set(item);
    }

    /// <summary>
    /// Character set of this data set's text values: from its own Specific Character Set (0008,0005), else its
    /// parent's (PS3.5 §7.5.3: items inherit unless they say otherwise), else the default repertoire.
    /// </summary>
    public Encoding Encoding
    {
        get => _encoding ?? Parent?.Encoding ?? DicomCharacterSet.Default;
        set => _encoding = value;
    }

    /// <summary>The data set whose sequence holds this one, if any.</summary>
    public DicomDataset? Parent { get; internal set; }

    public int Count => _items.Count;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public bool TryGet(DicomTag tag, out DicomItem item)
    {
        int i = IndexOf(tag);
        item = i >= 0 ? _items[i] : null!;
        return i >= 0;
    }

    public DicomItem? this[DicomTag tag] => TryGet(tag, out var item) ? item : null;

    /// <summary>Adds or replaces an attribute.</summary>
    public DicomDataset Set(DicomItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is DicomSequence seq)
        {
            foreach (var child in seq.Items)
                child.Parent = this;
        }
        if (item.Tag == DicomTags.SpecificCharacterSet && item is DicomElement cs)
            _encoding = DicomCharacterSet.FromTerms(SplitText(Latin1(cs.Value.Span), DicomVR.CS));
        // Readers append in ascending order, so the common case is a cheap append.
        if (_items.Count == 0 || _items[^1].Tag < item.Tag)
        {
            _items.Add(item);
            return this;
        }
        int i = IndexOf(item.Tag);
        if (i >= 0) _items[i] = item;
        else _items.Insert(~i, item);
        return this;
    }

    public bool Remove(DicomTag tag)
    {
        int i = IndexOf(tag);
        if (i < 0) return false;
        _items.RemoveAt(i);
        return true;
    }

    /// <summary>A deep copy of the attribute tree; element values are shared (they are immutable).</summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset { _encoding = _encoding };
        foreach (var item in _items)
        {
            copy._items.Add(item is DicomSequence s ? new DicomSequence(s.Tag, s.Items.Select(i => i.Clone())) : item);
            if (copy._items[^1] is DicomSequence cs)
            {
                foreach (var child in cs.Items) child.Parent = copy;
            }
        }
        return copy;
    }

    public IEnumerator<DicomItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        int lo = 0, hi = _items.Count - 1;
        uint key = tag.Value;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint v = _items[mid].Tag.Value;
            if (v == key) return mid;
            if (v < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
