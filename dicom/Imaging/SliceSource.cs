namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Where slice z of a volume came from: what a DICOM SEG needs to reference its source image per frame
/// (SourceImageSequence, ReferencedFrameNumber for multi-frame sources) and to copy the position exactly.
/// </summary>
/// <param name="SopInstanceUid">SOP Instance UID of the source instance.</param>
/// <param name="SopClassUid">SOP Class UID of the source instance.</param>
/// <param name="FrameNumber">1-based frame number within the instance (1 for single-frame instances).</param>
/// <param name="IsMultiFrame">Whether the source is a multi-frame instance (then ReferencedFrameNumber is required).</param>
/// <param name="ImagePositionPatient">The slice's position, LPS mm: centre of its first pixel.</param>
/// <param name="ImagePositionPatientText">The ImagePositionPatient value exactly as stored (backslash-separated DS).</param>
/// <param name="InstanceNumber">InstanceNumber (0020,0013), when present.</param>
/// <param name="Instance">The instance's data set (headers), for anything else the caller needs.</param>
public sealed record SliceSource(
    string SopInstanceUid,
    string SopClassUid,
    int FrameNumber,
    bool IsMultiFrame,
    Vector3D ImagePositionPatient,
    string ImagePositionPatientText,
    int? InstanceNumber,
    DicomDataset Instance);

/// <summary>An instance (<paramref name="FrameNumber"/> 0) or one of its frames left out of the volume, and why.</summary>
public sealed record DroppedSlice(string SopInstanceUid, int FrameNumber, string Reason);
