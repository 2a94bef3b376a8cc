namespace Mosmos.Contracts;

/// <summary>A job finished: SEG and SR are stored in the source server.</summary>
public sealed record SegmentationCompleted(
    Guid JobId,
    string IdempotencyKey,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SegSopInstanceUid,
    string SrSopInstanceUid,
    string ModelId,
    IReadOnlyList<OrganVolume> Organs,
    IReadOnlyList<StageTiming> Timings);

/// <param name="OrganId">Organ catalog id, e.g. <c>liver</c>.</param>
/// <param name="VolumeMl">Volume in millilitres (cm³).</param>
/// <param name="MeanHu">Mean Hounsfield units for CT, null for other modalities.</param>
public sealed record OrganVolume(string OrganId, double VolumeMl, double? MeanHu);

/// <param name="Stage">fetch, volume, resample, inference, postprocess, seg, sr, store.</param>
public sealed record StageTiming(string Stage, double Milliseconds);
