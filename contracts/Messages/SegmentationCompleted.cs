namespace Mosmos.Contracts;

/// <summary>A job finished: SEG and SR are stored in the source server.</summary>
/// <param name="SupersedesKey">
/// The idempotency key of the older result of the same series that this one replaces (the job's
/// <c>SegmentSeries.SupersedesKey</c>), or null. Its SEG and SR are not deleted: the new ones say
/// "(supersedes earlier result)" in their series descriptions and this field names which result that was.
/// </param>
public sealed record SegmentationCompleted(
    Guid JobId,
    string IdempotencyKey,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SegSopInstanceUid,
    string SrSopInstanceUid,
    string ModelId,
    IReadOnlyList<OrganVolume> Organs,
    IReadOnlyList<StageTiming> Timings,
    string? SupersedesKey = null)
{
    /// <summary>
    /// The FRACTIONAL attention SEG stored beside the organ SEG (a MOSMOS model whose card names an attention output:
    /// one segment per organ tag), or null when none was written.
    /// </summary>
    public string? AttentionSegSopInstanceUid { get; init; }
}

/// <param name="OrganId">Organ catalog id, e.g. <c>liver</c>.</param>
/// <param name="VolumeMl">Volume in millilitres (cm³).</param>
/// <param name="MeanHu">Mean Hounsfield units for CT, null for other modalities.</param>
public sealed record OrganVolume(string OrganId, double VolumeMl, double? MeanHu);

/// <param name="Stage">fetch, volume, resample, inference, postprocess, seg, sr, store.</param>
public sealed record StageTiming(string Stage, double Milliseconds);
