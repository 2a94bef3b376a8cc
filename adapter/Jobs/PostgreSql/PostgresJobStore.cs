using Npgsql;

namespace Mosmos.Adapter.Jobs.PostgreSql;

/// <summary>
/// The job table in PostgreSQL, for sites where several adapters or a busy API share it. Same schema and semantics as
/// <see cref="SqliteJobStore"/> (timestamps are Unix milliseconds, UTC); creating a job takes a transaction-scoped
/// advisory lock on its series and model, so two adapters recording the same series never both supersede.
/// </summary>
public sealed partial class PostgresJobStore(NpgsqlDataSource dataSource, TimeProvider clock) : IJobStore, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS jobs (
            job_id uuid PRIMARY KEY,
            idempotency_key text NOT NULL UNIQUE,
            study_uid text NOT NULL,
            series_uid text NOT NULL,
            model_id text NOT NULL,
            rule text NOT NULL,
            source text NOT NULL,
            priority integer NOT NULL,
            state integer NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            reason text, message text, seg_uid text, sr_uid text, supersedes_key text,
            created_at bigint NOT NULL, updated_at bigint NOT NULL,
            queued_at bigint, started_at bigint, finished_at bigint);
        CREATE INDEX IF NOT EXISTS jobs_series ON jobs (series_uid, model_id);
        CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
        CREATE INDEX IF NOT EXISTS jobs_study ON jobs (study_uid);
        CREATE TABLE IF NOT EXISTS cursors (source text PRIMARY KEY, value bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS watched_studies (
            source text NOT NULL, study_uid text NOT NULL, study_date text NOT NULL, fingerprint text NOT NULL,
            changed_at bigint NOT NULL, dispatched_fingerprint text,
            PRIMARY KEY (source, study_uid));
        """;

    /// <summary>A store over its own pooled data source, built from an Npgsql connection string.</summary>
    public static PostgresJobStore Create(string connectionString, TimeProvider clock) => new(NpgsqlDataSource.Create(connectionString), clock);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two adapters starting together must not race on CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL).
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('mosmos-adapter-schema'))", [], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema, [], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> GetCursorAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT value FROM cursors WHERE source = @source", ("source", source));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null;
    }

    public async Task SetCursorAsync(string source, long value, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO cursors (source, value) VALUES (@source, @value) ON CONFLICT (source) DO UPDATE SET value = @value",
            [("source", source), ("value", value)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(@series || '|' || @model))",
            [("series", job.SeriesInstanceUid), ("model", job.ModelId)], cancellationToken).ConfigureAwait(false);
        var existing = await QuerySingleAsync(connection, "SELECT * FROM jobs WHERE idempotency_key = @key", [("key", job.IdempotencyKey)], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return (existing, false);
        long now = Now();
        // The newest live or completed result of the same series and model is the one this job replaces.
        var older = await QuerySingleAsync(connection,
            "SELECT * FROM jobs WHERE series_uid = @series AND model_id = @model AND state <> @superseded ORDER BY created_at DESC LIMIT 1",
            [("series", job.SeriesInstanceUid), ("model", job.ModelId), ("superseded", (int)JobState.Superseded)], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection,
            "UPDATE jobs SET state = @superseded, updated_at = @now WHERE series_uid = @series AND model_id = @model AND state <> @superseded",
            [("superseded", (int)JobState.Superseded), ("now", now), ("series", job.SeriesInstanceUid), ("model", job.ModelId)], cancellationToken).ConfigureAwait(false);
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
            [("id", created.JobId), ("key", created.IdempotencyKey), ("study", created.StudyInstanceUid),
             ("series", created.SeriesInstanceUid), ("model", created.ModelId), ("rule", created.Rule),
             ("source", created.SourceServer), ("priority", (int)created.Priority), ("state", (int)JobState.Pending),
             ("supersedes", created.SupersedesKey), ("now", now)], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (created, true);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
