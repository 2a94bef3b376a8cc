using System.Data.Common;

namespace Mosmos.Adapter.Jobs;

/// <summary>
/// The job table over ADO.NET, the same statements for every database (timestamps are Unix milliseconds, UTC): a
/// subclass gives its schema, its connections, how it writes a job ID, and the lock that keeps two adapters from both
/// superseding when they record the same series at once. <see cref="SqliteJobStore"/> is the embedded default,
/// <see cref="PostgreSql.PostgresJobStore"/> the one for larger sites. Parameters are named <c>@name</c>.
/// </summary>
public abstract partial class SqlJobStore(TimeProvider clock) : IJobStore
{
    /// <summary>CREATE … IF NOT EXISTS statements for the jobs, cursors and watched_studies tables.</summary>
    protected abstract string Schema { get; }

    /// <summary>An open connection; the caller disposes it.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A job ID as the database stores it.</summary>
    protected abstract object Id(Guid jobId);

    /// <summary>
    /// Holds a lock on <paramref name="key"/> until the connection's current transaction ends; none where the database
    /// serialises writers itself (SQLite).
    /// </summary>
    protected virtual Task LockAsync(DbConnection connection, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema, [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> GetCursorAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT value FROM cursors WHERE source = @source", ("@source", source));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null;
    }

    public async Task SetCursorAsync(string source, long value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO cursors (source, value) VALUES (@source, @value) ON CONFLICT (source) DO UPDATE SET value = @value",
            [("@source", source), ("@value", value)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, $"{job.SeriesInstanceUid}|{job.ModelId}", cancellationToken).ConfigureAwait(false);
        var existing = await QuerySingleAsync(connection, "SELECT * FROM jobs WHERE idempotency_key = @key", [("@key", job.IdempotencyKey)], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return (existing, false);
        long now = Now();
        // The newest live or completed result of the same series and model is the one this job replaces. A record for a
        // whole study (no series: one the adapter could not examine) replaces nothing.
        JobRecord? older = null;
        if (job.SeriesInstanceUid.Length > 0)
        {
            older = await QuerySingleAsync(connection,
                "SELECT * FROM jobs WHERE series_uid = @series AND model_id = @model AND state <> @superseded ORDER BY created_at DESC LIMIT 1",
                [("@series", job.SeriesInstanceUid), ("@model", job.ModelId), ("@superseded", (int)JobState.Superseded)], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection,
                "UPDATE jobs SET state = @superseded, updated_at = @now WHERE series_uid = @series AND model_id = @model AND state <> @superseded",
                [("@superseded", (int)JobState.Superseded), ("@now", now), ("@series", job.SeriesInstanceUid), ("@model", job.ModelId)], cancellationToken).ConfigureAwait(false);
        }
        var created = job with
        {
            State = JobState.Pending,
            SupersedesKey = job.SupersedesKey ?? older?.IdempotencyKey,
            CreatedAt = FromMs(now),
            UpdatedAt = FromMs(now),
        };
        await ExecuteAsync(connection, """
            INSERT INTO jobs (job_id, idempotency_key, study_uid, series_uid, model_id, rule, source, priority, state,
                              attempts, supersedes_key, created_at, updated_at)
            VALUES (@id, @key, @study, @series, @model, @rule, @source, @priority, @state, 0, @supersedes, @now, @now)
            """,
            [("@id", Id(created.JobId)), ("@key", created.IdempotencyKey), ("@study", created.StudyInstanceUid),
             ("@series", created.SeriesInstanceUid), ("@model", created.ModelId), ("@rule", created.Rule),
             ("@source", created.SourceServer), ("@priority", (int)created.Priority), ("@state", (int)JobState.Pending),
             ("@supersedes", created.SupersedesKey), ("@now", now)], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (created, true);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
