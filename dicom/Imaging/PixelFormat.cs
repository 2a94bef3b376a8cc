namespace Mosmos.Dicom.Imaging;

/// <summary>
/// How one frame's stored values become output values: the Image Pixel module (PS3.3 C.7.6.3) and the
/// Modality LUT as a linear rescale (PS3.3 C.11.1; C.7.6.16.2.9 for Enhanced objects).
/// </summary>
internal readonly record struct PixelFormat(
    int Rows,
    int Columns,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool Signed,
    bool Monochrome1,
    double RescaleSlope,
    double RescaleIntercept)
{
    public int FrameBytes => Rows * Columns * (BitsAllocated / 8);

    /// <summary>Reads the Image Pixel attributes; rescale is supplied by the caller (classic or functional group).</summary>
    public static PixelFormat Read(DicomDataset instance, string sopInstanceUid, double slope, double intercept)
    {
        int samples = instance.GetUInt16(DicomTags.SamplesPerPixel) ?? 1;
        var photometric = instance.GetString(DicomTags.PhotometricInterpretation) ?? "MONOCHROME2";
        int rows = instance.GetUInt16(DicomTags.Rows) ?? 0;
        int columns = instance.GetUInt16(DicomTags.Columns) ?? 0;
        int allocated = instance.GetUInt16(DicomTags.BitsAllocated) ?? 0;
        int stored = instance.GetUInt16(DicomTags.BitsStored) ?? allocated;
        int highBit = instance.GetUInt16(DicomTags.HighBit) ?? stored - 1;
        int representation = instance.GetUInt16(DicomTags.PixelRepresentation) ?? 0;

        if (samples != 1 || photometric is not ("MONOCHROME1" or "MONOCHROME2"))
            Reject(sopInstanceUid, $"{samples} sample(s) per pixel, {photometric}: only grayscale (MONOCHROME1/2) images make a volume");
        if (rows == 0 || columns == 0)
            Reject(sopInstanceUid, "Rows or Columns is missing or zero");
        if (allocated is not (8 or 16))
            Reject(sopInstanceUid, $"BitsAllocated {allocated}: only 8 and 16 are supported");
        if (stored < 1 || stored > allocated || highBit < stored - 1 || highBit >= allocated)
            Reject(sopInstanceUid, $"BitsStored {stored} / HighBit {highBit} do not fit BitsAllocated {allocated}");
        if (representation > 1)
            Reject(sopInstanceUid, $"PixelRepresentation {representation} is neither 0 (unsigned) nor 1 (signed)");
        if (!double.IsFinite(slope) || !double.IsFinite(intercept) || slope == 0)
            Reject(sopInstanceUid, $"RescaleSlope {slope} / RescaleIntercept {intercept} are not usable");

        return new PixelFormat(rows, columns, allocated, stored, highBit, representation == 1,
            photometric == "MONOCHROME1", slope, intercept);
    }

    private static void Reject(string sopInstanceUid, string what) =>
        throw new SeriesRejectedException(SeriesRejection.Undecodable, $"instance {sopInstanceUid}: {what}");
}
