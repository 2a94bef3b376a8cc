namespace Mosmos.Contracts;

/// <summary>A worker took a job (each delivery attempt publishes one); the job table shows it as running.</summary>
public sealed record SegmentationStarted(Guid JobId, string IdempotencyKey, int Attempt, string Worker, DateTimeOffset StartedAt);
