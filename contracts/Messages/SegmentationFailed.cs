namespace Mosmos.Contracts;

/// <summary>A job failed for good (after its retries) or was refused up front.</summary>
/// <param name="Message">What happened, in words a person can act on. Never holds patient identifiers.</param>
public sealed record SegmentationFailed(
    Guid JobId,
    string IdempotencyKey,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string ModelId,
    FailureReason Reason,
    string Message,
    int Attempt);

/// <summary>Why a job failed (DESIGN §4).</summary>
public enum FailureReason
{
    UnsupportedModality,
    TooFewSlices,
    IrregularSpacing,
    GantryTilt,
    MixedOrientation,
    Undecodable,
    SourceUnavailable,
    ModelUnavailable,
    ModelError,
    StoreFailed,
    Timeout,
    Internal,
}
