using System.Collections.Frozen;

namespace Mosmos.Dicom;

/// <summary>One row of the PS3.6 registry. <see cref="Mask"/> is 0xFFFFFFFF except for repeating groups (60xx, 50xx).</summary>
public sealed record DicomDictionaryEntry(uint Tag, uint Mask, DicomVR VR, string ValueMultiplicity, string Keyword, string Name, bool Retired);

/// <summary>The data dictionary (PS3.6 §6), generated from the standard's registry: see <c>generate.py</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The standard calls it the data dictionary.")]
public static partial class DicomDictionary
{
    public static int Count => Registry.Length;

    /// <summary>Looks up a tag, including repeating groups; group lengths and private tags are not in the registry.</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        if (Tables.ByTag.TryGetValue(tag.Value, out var entry))
            return entry;
        foreach (var r in Tables.Repeaters)
        {
            if ((tag.Value & r.Mask) == r.Tag)
                return r;
        }
        return null;
    }

    public static DicomDictionaryEntry? FindByKeyword(string keyword) =>
        Tables.ByKeyword.TryGetValue(keyword, out var e) ? e : null;

    /// <summary>
    /// The VR an implicit-VR stream implies for a tag (PS3.5 §7.1.3 and Annex A.1): group lengths are UL,
    /// private creators LO, unknown and private elements UN.
    /// </summary>
    public static DicomVR ImplicitVR(DicomTag tag)
    {
        if (tag.IsGroupLength) return DicomVR.UL;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        if (tag.IsPrivate) return DicomVR.UN;
        return Find(tag)?.VR ?? DicomVR.UN;
    }

    /// <summary>Lookup tables built on first use; a nested class so they initialise after the generated registry.</summary>
    private static class Tables
    {
        public static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag =
            Registry.Where(e => e.Mask == 0xFFFFFFFF).ToFrozenDictionary(e => e.Tag);

        public static readonly DicomDictionaryEntry[] Repeaters = Registry.Where(e => e.Mask != 0xFFFFFFFF).ToArray();

        public static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword =
            Registry.Where(e => e.Mask == 0xFFFFFFFF).GroupBy(e => e.Keyword, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }
}
