using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Mosmos.Adapter.Jobs;

/// <summary>
/// The job table in SQLite (the embedded default). WAL journal so the API can read while the poller writes; a
/// connection waits up to 5 s for a writer holding the lock instead of failing at once. Job IDs are stored as text.
/// </summary>
public sealed class SqliteJobStore(string connectionString, TimeProvider clock) : SqlJobStore(clock)
{
    protected override string Schema => """
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

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 5000", [], cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override object Id(Guid jobId) => jobId.ToString();
}
