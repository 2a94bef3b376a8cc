using Mosmos.Contracts;

namespace Mosmos.Adapter.Jobs;

public abstract partial class SqlJobStore
{
    public Task MarkQueuedAsync(Guid jobId, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE jobs SET state = @queued, queued_at = @now, updated_at = @now WHERE job_id = @id AND state = @pending",
            [("@queued", (int)JobState.Queued), ("@pending", (int)JobState.Pending), ("@id", Id(jobId))], cancellationToken);

    /// <summary>Only a pending or queued job starts; events arriving late never move a finished job back.</summary>
    public Task MarkStartedAsync(SegmentationStarted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return UpdateAsync("""
            UPDATE jobs SET state = @running, attempts = CASE WHEN attempts > @attempt THEN attempts ELSE @attempt END, started_at = COALESCE(started_at, @started), updated_at = @now
            WHERE (job_id = @id OR idempotency_key = @key) AND state IN (@pending, @queued, @running)
            """,
            [("@running", (int)JobState.Running), ("@attempt", message.Attempt), ("@started", message.StartedAt.ToUnixTimeMilliseconds()),
             ("@id", Id(message.JobId)), ("@key", message.IdempotencyKey), ("@pending", (int)JobState.Pending), ("@queued", (int)JobState.Queued)],
            cancellationToken);
    }

    /// <summary>A superseded job keeps its state but records its result, so nothing it wrote is forgotten.</summary>
    public Task MarkCompletedAsync(SegmentationCompleted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return UpdateAsync("""
            UPDATE jobs SET state = CASE WHEN state = @superseded THEN @superseded ELSE @completed END,
                seg_uid = @seg, sr_uid = @sr, reason = NULL, message = NULL, finished_at = @now, updated_at = @now
            WHERE job_id = @id OR idempotency_key = @key
            """,
            [("@superseded", (int)JobState.Superseded), ("@completed", (int)JobState.Completed), ("@seg", message.SegSopInstanceUid),
             ("@sr", message.SrSopInstanceUid), ("@id", Id(message.JobId)), ("@key", message.IdempotencyKey)], cancellationToken);
    }

    public Task MarkFailedAsync(SegmentationFailed message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return UpdateAsync("""
            UPDATE jobs SET state = @failed, reason = @reason, message = @message, attempts = CASE WHEN attempts > @attempt THEN attempts ELSE @attempt END,
                finished_at = @now, updated_at = @now
            WHERE (job_id = @id OR idempotency_key = @key) AND state NOT IN (@completed, @superseded)
            """,
            [("@failed", (int)JobState.Failed), ("@reason", message.Reason.ToString()), ("@message", message.Message), ("@attempt", message.Attempt),
             ("@id", Id(message.JobId)), ("@key", message.IdempotencyKey), ("@completed", (int)JobState.Completed),
             ("@superseded", (int)JobState.Superseded)], cancellationToken);
    }

    public async Task<JobRecord?> ResetForRerunAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var newId = Guid.NewGuid();
        int changed = await ExecuteAsync(connection, """
            UPDATE jobs SET job_id = @newId, state = @pending, attempts = 0, reason = NULL, message = NULL,
                queued_at = NULL, started_at = NULL, finished_at = NULL, updated_at = @now
            WHERE idempotency_key = @key AND state IN (@completed, @failed)
            """,
            [("@newId", Id(newId)), ("@pending", (int)JobState.Pending), ("@now", Now()), ("@key", idempotencyKey),
             ("@completed", (int)JobState.Completed), ("@failed", (int)JobState.Failed)], cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : await GetAsync(newId, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, sql, [.. parameters, ("@now", Now())], cancellationToken).ConfigureAwait(false);
    }
}
