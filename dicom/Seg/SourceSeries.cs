using System.Globalization;

namespace Mosmos.Dicom.Seg;

/// <summary>
/// One slice (frame) of the source series a segmentation is derived from, in label-map order: the instance,
/// its SOP class, the frame number when the source is multi-frame (Enhanced CT/MR), and the Image Position
/// (Patient) as the source's own DS text, so the SEG repeats it byte for byte (dicom-seg-sr.md §1.9).
/// </summary>
public sealed record SourceFrame(string SopClassUid, string SopInstanceUid, string ImagePositionPatient, int? FrameNumber = null);

/// <summary>Lossy compression history of the source (PS3.3 C.7.6.1.1.5): the SEG repeats it (C.8.20.2.2).</summary>
public sealed record LossyCompression(string? Ratio, string? Method);

/// <summary>
/// The source series a segmentation refers to: its slices in label-map order and the geometry shared by all of
/// them, kept as the source's text (IOP, PixelSpacing, SliceThickness) so the SEG copies it verbatim. The volume
/// builder's sorted slices map onto this record; <c>SourceSeries.FromSlices</c> and <c>FromEnhanced</c> build it
/// from data sets.
/// </summary>
public sealed record SourceSeries
{
    public required IReadOnlyList<SourceFrame> Frames { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    /// <summary>Six direction cosines as DS text, e.g. <c>1\0\0\0\1\0</c>.</summary>
    public required string ImageOrientationPatient { get; init; }

    /// <summary>Row spacing\column spacing in mm, as DS text.</summary>
    public required string PixelSpacing { get; init; }

    /// <summary>DS text; when the source has none the writer uses the slice spacing.</summary>
    public string? SliceThickness { get; init; }

    public required string FrameOfReferenceUid { get; init; }

    public required string StudyInstanceUid { get; init; }

    public required string SeriesInstanceUid { get; init; }

    /// <summary>A source data set: Patient, General Study and character set attributes are copied from it.</summary>
    public required DicomDataset Header { get; init; }

    /// <summary>Set when any source image was lossy compressed (LossyImageCompression 01).</summary>
    public LossyCompression? Lossy { get; init; }

    /// <summary>CT, MR …: decides the SR's intensity measurements.</summary>
    public string? Modality => Header.GetString(DicomTags.Modality);

    /// <summary>Orientation as numbers: row direction (0..2), column direction (3..5).</summary>
    public double[] Orientation => ParseDecimals(ImageOrientationPatient, 6, nameof(ImageOrientationPatient));

    /// <summary>[spacing between rows, spacing between columns] in mm (PS3.3 10.7.1.3).</summary>
    public double[] Spacing => ParseDecimals(PixelSpacing, 2, nameof(PixelSpacing));

    public double[] PositionOf(int slice) => ParseDecimals(Frames[slice].ImagePositionPatient, 3, nameof(SourceFrame.ImagePositionPatient));

    /// <summary>Distance between consecutive slice centres along the normal in mm (mean; 0 for one slice).</summary>
    public double SliceSpacing
    {
        get
        {
            if (Frames.Count < 2) return 0;
            var n = Geometry.Normal(Orientation);
            double first = Geometry.Dot(n, PositionOf(0)), last = Geometry.Dot(n, PositionOf(Frames.Count - 1));
            return Math.Abs(last - first) / (Frames.Count - 1);
        }
    }

    /// <summary>Voxel volume in mm³ from PixelSpacing and the slice spacing (SliceThickness for a single slice).</summary>
    public double VoxelVolumeMm3
    {
        get
        {
            var s = Spacing;
            double dz = SliceSpacing;
            if (dz == 0) dz = SliceThickness is null ? 0 : ParseDecimals(SliceThickness, 1, nameof(SliceThickness))[0];
            return s[0] * s[1] * dz;
        }
    }

    internal static double[] ParseDecimals(string text, int count, string what)
    {
        var parts = text.Split('\\');
        if (parts.Length != count)
            throw new DicomFormatException($"{what} needs {count} values, got '{text}'");
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new DicomFormatException($"{what} value '{parts[i]}' is not a decimal string");
        }
        return values;
    }
}
