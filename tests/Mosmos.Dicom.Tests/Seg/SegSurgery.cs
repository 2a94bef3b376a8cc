using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>Rewrites our SEGs into what other tools write: other frame orders, no references, FRACTIONAL, overlaps.</summary>
internal static class SegSurgery
{
    private static byte[][] Frames(DicomDataset seg)
    {
        var read = SegReader.Read(seg);
        return Enumerable.Range(0, read.Frames.Count).Select(f =>
        {
            var frame = new byte[read.Rows * read.Columns];
            read.DecodeFrame(f, frame);
            return frame;
        }).ToArray();
    }

    private static byte[] Pack(IReadOnlyList<byte[]> frames, int n)
    {
        var map = new LabelMap(n, 1, frames.Count, frames.SelectMany(f => f).ToArray());
        return BitPacker.Pack(map, Enumerable.Range(0, frames.Count).Select(k => (k, (byte)1)).ToArray());
    }

    public static DicomDataset ReorderFrames(DicomDataset seg, bool reverse, bool dropReferences)
    {
        var copy = seg.Clone();
        var frames = Frames(seg);
        var items = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence).Select(i => i.Clone()).ToArray();
        var order = Enumerable.Range(0, frames.Length).ToArray();
        if (reverse) Array.Reverse(order);
        foreach (var item in items)
        {
            if (dropReferences) item.Remove(DicomTags.DerivationImageSequence);
        }
        copy.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, order.Select(i => items[i]));
        copy.SetBytes(DicomTags.PixelData, DicomVR.OB, Pack(order.Select(i => frames[i]).ToArray(), frames[0].Length));
        return copy;
    }

    public static DicomDataset ToFractional(DicomDataset seg, byte inside, byte outside)
    {
        var copy = seg.Clone();
        var pixels = Frames(seg).SelectMany(f => f.Select(v => v == 1 ? inside : outside)).ToArray();
        copy.SetString(DicomTags.SegmentationType, DicomVR.CS, "FRACTIONAL")
            .SetString(DicomTags.SegmentationFractionalType, DicomVR.CS, "PROBABILITY")
            .SetUInt16(DicomTags.MaximumFractionalValue, 255)
            .SetUInt16(DicomTags.BitsAllocated, 8).SetUInt16(DicomTags.BitsStored, 8).SetUInt16(DicomTags.HighBit, 7)
            .SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        return copy;
    }

    /// <summary>Adds a copy of frame <paramref name="frame"/> labelled as <paramref name="segment"/>: the two overlap.</summary>
    public static DicomDataset DuplicateFrameAsSegment(DicomDataset seg, int frame, int segment)
    {
        var copy = seg.Clone();
        var frames = Frames(seg).ToList();
        var items = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence).Select(i => i.Clone()).ToList();
        var extra = items[frame].Clone()
            .SetSequence(DicomTags.SegmentIdentificationSequence, new DicomDataset().SetUInt16(DicomTags.ReferencedSegmentNumber, (ushort)segment));
        items.Add(extra);
        frames.Add(frames[frame]);
        copy.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, items)
            .SetIntegerStrings(DicomTags.NumberOfFrames, items.Count)
            .SetBytes(DicomTags.PixelData, DicomVR.OB, Pack(frames, frames[0].Length));
        return copy;
    }

    /// <summary>An Enhanced CT image (header only: what the SEG writer needs) with the series' slices as frames.</summary>
    public static DicomDataset EnhancedCt(SegTestSeries series)
    {
        var ds = series.Common(SegTestSeries.EnhancedCtImageStorage, DicomUid.Derive(series.Seed, "enhanced"))
            .SetIntegerStrings(DicomTags.NumberOfFrames, series.Slices);
        var shared = new DicomDataset()
            .SetSequence(DicomTags.PlaneOrientationSequence, new DicomDataset().SetString(DicomTags.ImageOrientationPatient, DicomVR.DS, series.IopText.Split('\\')))
            .SetSequence(DicomTags.PixelMeasuresSequence, new DicomDataset().SetDecimals(DicomTags.PixelSpacing, series.PixelSpacing, series.PixelSpacing).SetDecimals(DicomTags.SliceThickness, series.SliceSpacing));
        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, shared);
        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, Enumerable.Range(0, series.Slices).Select(k =>
            new DicomDataset().SetSequence(DicomTags.PlanePositionSequence, new DicomDataset().SetString(DicomTags.ImagePositionPatient, DicomVR.DS, series.IppText(k).Split('\\')))));
        return ds;
    }
}
