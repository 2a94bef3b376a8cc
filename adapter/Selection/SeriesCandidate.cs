namespace Mosmos.Adapter.Selection;

/// <summary>What the adapter knows about one series of a study when it decides whether to segment it.</summary>
/// <param name="ImageOrientation">ImageOrientationPatient (0020,0037) of a representative instance, 6 values, or empty.</param>
/// <param name="ImageType">ImageType (0008,0008) values of a representative instance.</param>
/// <param name="SopInstanceUids">Every instance of the series, for the idempotency key.</param>
public sealed record SeriesCandidate(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string Modality,
    string? SopClassUid,
    string? BodyPartExamined,
    string? StudyDescription,
    string? SeriesDescription,
    double? SliceThicknessMm,
    IReadOnlyList<double> ImageOrientation,
    IReadOnlyList<string> ImageType,
    string? ContrastBolusAgent,
    string? Manufacturer,
    IReadOnlyList<string> SopInstanceUids)
{
    public int InstanceCount => SopInstanceUids.Count;
}
