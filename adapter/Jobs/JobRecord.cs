namespace Mosmos.Adapter.Jobs;

/// <summary>A row of the job table.</summary>
public sealed record JobRecord
{
    public required Guid JobId { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string StudyInstanceUid { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public required string ModelId { get; init; }
    public required string Rule { get; init; }
    public required string SourceServer { get; init; }
    public byte Priority { get; init; }
    public JobState State { get; init; }
    public int Attempts { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? SegSopInstanceUid { get; init; }
    public string? SrSopInstanceUid { get; init; }
    /// <summary>The idempotency key of the older result this job replaces, if any.</summary>
    public string? SupersedesKey { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>Filter for job listings; null fields do not filter.</summary>
public sealed record JobQuery(JobState? State = null, string? StudyInstanceUid = null, string? SeriesInstanceUid = null, int Limit = 100, int Offset = 0);
