namespace Mosmos.Dicom.Seg;

/// <summary>A segment as written: its number in the SEG, its description, tracking UID and extent (FRACTIONAL:
/// <paramref name="VoxelCount"/> counts voxels with a non-zero value).</summary>
public sealed record EncodedSegment(int SegmentNumber, SegmentDescription Description, string TrackingUid, long VoxelCount, int FrameCount);

/// <summary>
/// What <see cref="SegWriter"/> produced: the SEG data set (write it with <see cref="DicomWriter"/>), its UIDs,
/// the segments it describes and those left out because the label map holds none of their voxels (FRACTIONAL:
/// every value of theirs is 0).
/// </summary>
public sealed record SegmentationResult(
    DicomDataset Dataset,
    string SopClassUid,
    string SopInstanceUid,
    string SeriesInstanceUid,
    int NumberOfFrames,
    IReadOnlyList<EncodedSegment> Segments,
    IReadOnlyList<SegmentDescription> AbsentSegments);

/// <summary>SOP Class UIDs of the Segmentation IOD (PS3.4 B.5).</summary>
public static class SegmentationSopClass
{
    public const string Segmentation = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>Label Map Segmentation Storage (Sup 243).</summary>
    public const string LabelMapSegmentation = "1.2.840.10008.5.1.4.1.1.66.7";
}
