using System.Data.Common;
using Npgsql;

namespace Mosmos.Adapter.Jobs.PostgreSql;

/// <summary>
/// The job table in PostgreSQL, for sites where several adapters or a busy API share it. Same schema and semantics as
/// <see cref="SqliteJobStore"/> (timestamps are Unix milliseconds, UTC); creating a job takes a transaction-scoped
/// advisory lock on its series and model, so two adapters recording the same series never both supersede.
/// </summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource, TimeProvider clock) : SqlJobStore(clock), IAsyncDisposable
{
    protected override string Schema => """
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

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two adapters starting together must not race on CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL).
        await LockAsync(connection, "mosmos-adapter-schema", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema, [], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override object Id(Guid jobId) => jobId;

    /// <summary>A transaction-scoped advisory lock on the key's hash.</summary>
    protected override Task LockAsync(DbConnection connection, string key, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(@key))", [("@key", key)], cancellationToken);
}
