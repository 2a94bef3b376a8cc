namespace Mosmos.Dicom;

/// <summary>
/// Attributes whose PS3.6 VR is "US or SS": in Implicit VR their VR follows Pixel Representation (0028,0103),
/// SS when it is 1 (PS3.5 Annex A.1). The LUT descriptors, also "US or SS" in PS3.6, stay US: their first and third
/// values are always unsigned (PS3.3 C.11.1.1.1), which is how DCMTK reads them too.
/// </summary>
internal static class AmbiguousVR
{
    private static readonly HashSet<uint> UsOrSs =
    [
        0x00189810, 0x00221452, 0x00280071, 0x00280104, 0x00280105, 0x00280106, 0x00280107, 0x00280108,
        0x00280109, 0x00280110, 0x00280111, 0x00280120, 0x00280121, 0x00281200, 0x00409211, 0x00409216,
        0x00603004, 0x00603006,
    ];

    public static DicomVR Resolve(DicomTag tag, DicomVR vr, DicomDataset dataset) =>
        vr == DicomVR.US && UsOrSs.Contains(tag.Value) && dataset.GetUInt16(DicomTags.PixelRepresentation) == 1
            ? DicomVR.SS
            : vr;
}
