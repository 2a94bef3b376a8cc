namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Why a series cannot become a volume. The names match the worker's failure reasons (DESIGN §4,
/// <c>Mosmos.Contracts.FailureReason</c>) so they map one to one.
/// </summary>
public enum SeriesRejection
{
    /// <summary>The modality is not one the caller accepts (<see cref="SeriesVolumeOptions.Modalities"/>).</summary>
    UnsupportedModality,

    /// <summary>Fewer usable slices than <see cref="SeriesVolumeOptions.MinSlices"/>.</summary>
    TooFewSlices,

    /// <summary>Slice gaps differ by more than the tolerance: a missing slice, variable spacing, or duplicates.</summary>
    IrregularSpacing,

    /// <summary>The slice step is not along the slice normal (gantry tilt / shear, PS3.3 C.7.6.2.1.1).</summary>
    GantryTilt,

    /// <summary>More than one image plane: orientation, Rows/Columns or PixelSpacing differ between slices.</summary>
    MixedOrientation,

    /// <summary>
    /// Pixels cannot be decoded: pixel data absent or encapsulated, an unsupported pixel format, the geometry
    /// attributes missing or malformed, or a volume over the voxel limit.
    /// </summary>
    Undecodable,
}

/// <summary>A series that cannot become a volume; <see cref="Exception.Message"/> says what to do about it.</summary>
public sealed class SeriesRejectedException : Exception
{
    public SeriesRejectedException() : this(SeriesRejection.Undecodable, "the series cannot be built into a volume") { }

    public SeriesRejectedException(string message) : this(SeriesRejection.Undecodable, message) { }

    public SeriesRejectedException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = SeriesRejection.Undecodable;
        Detail = message;
    }

    /// <summary><see cref="Exception.Message"/> is "<paramref name="reason"/>: <paramref name="message"/>".</summary>
    public SeriesRejectedException(SeriesRejection reason, string message, Exception? innerException = null)
        : base($"{reason}: {message}", innerException)
    {
        Reason = reason;
        Detail = message;
    }

    public SeriesRejection Reason { get; }

    /// <summary>The message without the reason prefix, for a failure record that carries the reason separately.</summary>
    public string Detail { get; }
}
