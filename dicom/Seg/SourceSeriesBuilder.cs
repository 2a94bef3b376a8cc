namespace Mosmos.Dicom.Seg;

/// <summary>Builds <see cref="SourceSeries"/> from Part 10 data sets (header reads are enough: no pixels needed).</summary>
public static class SourceSeriesBuilder
{
    /// <summary>
    /// Single-frame images (CT/MR Image Storage) in label-map order. The order is the caller's: the volume builder
    /// sorts along the normal (dicom-seg-sr.md §5.3); this method does not reorder.
    /// </summary>
    public static SourceSeries FromSlices(IReadOnlyList<DicomDataset> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count == 0) throw new ArgumentException("a source series needs at least one slice", nameof(slices));
        var first = slices[0];
        var frames = new SourceFrame[slices.Count];
        LossyCompression? lossy = null;
        for (int i = 0; i < slices.Count; i++)
        {
            var ds = slices[i];
            frames[i] = new SourceFrame(Required(ds, DicomTags.SopClassUid), Required(ds, DicomTags.SopInstanceUid),
                Required(ds, DicomTags.ImagePositionPatient));
            lossy ??= LossyOf(ds);
        }
        return new SourceSeries
        {
            Frames = frames,
            Rows = first.GetUInt16(DicomTags.Rows) ?? throw Missing(DicomTags.Rows),
            Columns = first.GetUInt16(DicomTags.Columns) ?? throw Missing(DicomTags.Columns),
            ImageOrientationPatient = Required(first, DicomTags.ImageOrientationPatient),
            PixelSpacing = Required(first, DicomTags.PixelSpacing),
            SliceThickness = NonEmpty(first.GetString(DicomTags.SliceThickness)),
            FrameOfReferenceUid = Required(first, DicomTags.FrameOfReferenceUid),
            StudyInstanceUid = Required(first, DicomTags.StudyInstanceUid),
            SeriesInstanceUid = Required(first, DicomTags.SeriesInstanceUid),
            Header = first,
            Lossy = lossy,
        };
    }

    /// <summary>
    /// An Enhanced (multi-frame) CT/MR image: frames in the given order (1-based frame numbers; all frames in
    /// stored order when null), geometry from the shared or per-frame Plane Orientation, Pixel Measures and Plane
    /// Position functional groups (PS3.3 C.7.6.16).
    /// </summary>
    public static SourceSeries FromEnhanced(DicomDataset image, IReadOnlyList<int>? frameNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        int count = image.GetInt32(DicomTags.NumberOfFrames) ?? throw Missing(DicomTags.NumberOfFrames);
        var shared = image.GetSequenceItem(DicomTags.SharedFunctionalGroupsSequence);
        var perFrame = image.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        frameNumbers ??= Enumerable.Range(1, count).ToArray();
        string sopClass = Required(image, DicomTags.SopClassUid), sop = Required(image, DicomTags.SopInstanceUid);
        var frames = new SourceFrame[frameNumbers.Count];
        for (int i = 0; i < frames.Length; i++)
        {
            int f = frameNumbers[i];
            if (f < 1 || f > count || f > perFrame.Count)
                throw new ArgumentOutOfRangeException(nameof(frameNumbers), f, $"the image has {count} frames");
            var position = Group(perFrame[f - 1], shared, DicomTags.PlanePositionSequence) ?? throw Missing(DicomTags.PlanePositionSequence);
            frames[i] = new SourceFrame(sopClass, sop, Required(position, DicomTags.ImagePositionPatient), f);
        }
        var firstItem = perFrame.Count > 0 ? perFrame[frameNumbers[0] - 1] : null;
        var orientation = Group(firstItem, shared, DicomTags.PlaneOrientationSequence) ?? throw Missing(DicomTags.PlaneOrientationSequence);
        var measures = Group(firstItem, shared, DicomTags.PixelMeasuresSequence) ?? throw Missing(DicomTags.PixelMeasuresSequence);
        return new SourceSeries
        {
            Frames = frames,
            Rows = image.GetUInt16(DicomTags.Rows) ?? throw Missing(DicomTags.Rows),
            Columns = image.GetUInt16(DicomTags.Columns) ?? throw Missing(DicomTags.Columns),
            ImageOrientationPatient = Required(orientation, DicomTags.ImageOrientationPatient),
            PixelSpacing = Required(measures, DicomTags.PixelSpacing),
            SliceThickness = NonEmpty(measures.GetString(DicomTags.SliceThickness)),
            FrameOfReferenceUid = Required(image, DicomTags.FrameOfReferenceUid),
            StudyInstanceUid = Required(image, DicomTags.StudyInstanceUid),
            SeriesInstanceUid = Required(image, DicomTags.SeriesInstanceUid),
            Header = image,
            Lossy = LossyOf(image),
        };
    }

    /// <summary>A functional group from the frame's item, else from the shared item (PS3.3 C.7.6.16.1).</summary>
    internal static DicomDataset? Group(DicomDataset? frameItem, DicomDataset? shared, DicomTag sequence) =>
        frameItem?.GetSequenceItem(sequence) ?? shared?.GetSequenceItem(sequence);

    private static LossyCompression? LossyOf(DicomDataset ds) =>
        ds.GetString(DicomTags.LossyImageCompression) == "01"
            ? new LossyCompression(NonEmpty(ds.GetString(DicomTags.LossyImageCompressionRatio)), NonEmpty(ds.GetString(DicomTags.LossyImageCompressionMethod)))
            : null;

    private static string Required(DicomDataset ds, DicomTag tag) => NonEmpty(ds.GetString(tag)) ?? throw Missing(tag);

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static DicomFormatException Missing(DicomTag tag) =>
        new($"the source image lacks {DicomDictionary.Find(tag)?.Keyword ?? tag.ToString()}", -1, tag);
}
