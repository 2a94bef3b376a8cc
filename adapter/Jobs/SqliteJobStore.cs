using Microsoft.Data.Sqlite;

namespace Mosmos.Adapter.Jobs;

/// <summary>
/// The job table in SQLite (the embedded default). WAL journal so the API can read while the poller writes;
/// timestamps are Unix milliseconds (UTC).
/// </summary>
public sealed partial class SqliteJobStore(string connectionString, TimeProvider clock) : IJobStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS jobs (
            job_id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            study_uid TEXT NOT NULL,
            series_uid TEXT NOT NULL,
            model_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            source TEXT NOT NULL,
            priority INTEGER NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT, message TEXT, seg_uid TEXT, sr_uid TEXT, supersedes_key TEXT,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            queued_at INTEGER, started_at INTEGER, finished_at INTEGER);
        CREATE INDEX IF NOT EXISTS jobs_series ON jobs (series_uid, model_id);
        CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
        CREATE INDEX IF NOT EXISTS jobs_study ON jobs (study_uid);
        CREATE TABLE IF NOT EXISTS cursors (source TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS watched_studies (
            source TEXT NOT NULL, study_uid TEXT NOT NULL, study_date TEXT NOT NULL, fingerprint TEXT NOT NULL,
            changed_at INTEGER NOT NULL, dispatched_fingerprint TEXT,
            PRIMARY KEY (source, study_uid));
        """;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema, [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> GetCursorAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT value FROM cursors WHERE source = $source", ("$source", source));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null;
    }

    public async Task SetCursorAsync(string source, long value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO cursors (source, value) VALUES ($source, $value) ON CONFLICT (source) DO UPDATE SET value = $value",
            [("$source", source), ("$value", value)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await QuerySingleAsync(connection, "SELECT * FROM jobs WHERE idempotency_key = $key", [("$key", job.IdempotencyKey)], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return (existing, false);
        long now = Now();
        // The newest live or completed result of the same series and model is the one this job replaces.
        var older = await QuerySingleAsync(connection,
            "SELECT * FROM jobs WHERE series_uid = $series AND model_id = $model AND state <> $superseded ORDER BY created_at DESC LIMIT 1",
            [("$series", job.SeriesInstanceUid), ("$model", job.ModelId), ("$superseded", (int)JobState.Superseded)], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection,
            "UPDATE jobs SET state = $superseded, updated_at = $now WHERE series_uid = $series AND model_id = $model AND state <> $superseded",
            [("$superseded", (int)JobState.Superseded), ("$now", now), ("$series", job.SeriesInstanceUid), ("$model", job.ModelId)], cancellationToken).ConfigureAwait(false);
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
            VALUES ($id, $key, $study, $series, $model, $rule, $source, $priority, $state, 0, $supersedes, $now, $now)
            """,
            [("$id", created.JobId.ToString()), ("$key", created.IdempotencyKey), ("$study", created.StudyInstanceUid),
             ("$series", created.SeriesInstanceUid), ("$model", created.ModelId), ("$rule", created.Rule),
             ("$source", created.SourceServer), ("$priority", (int)created.Priority), ("$state", (int)JobState.Pending),
             ("$supersedes", created.SupersedesKey), ("$now", now)], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (created, true);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Wait for a writer holding the lock instead of failing at once (poller and API share the file).
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 5000", [], cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
