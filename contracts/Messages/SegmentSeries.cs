namespace Mosmos.Contracts;

/// <summary>A job: segment one series with one model (DESIGN §4).</summary>
/// <param name="JobId">Unique per dispatch; a re-run gets a new one.</param>
/// <param name="IdempotencyKey">SeriesInstanceUID + hash of sorted SOP Instance UIDs + model id/version (<see cref="IdempotencyKeys"/>).</param>
/// <param name="SourceServer">Name of the configured DICOMweb source the series is read from.</param>
/// <param name="ModelId">Model name and version, e.g. <c>mosmos-abdomen@1.0.0</c>.</param>
/// <param name="Priority">0 (routine) to 9 (urgent); maps to the broker's message priority.</param>
public sealed record SegmentSeries(
    Guid JobId,
    string IdempotencyKey,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SourceServer,
    string ModelId,
    byte Priority = 0,
    string? SupersedesKey = null);
