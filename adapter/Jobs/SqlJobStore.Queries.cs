using System.Globalization;
using System.Text;
using System.Data.Common;

namespace Mosmos.Adapter.Jobs;

public abstract partial class SqlJobStore
{
    public async Task<JobRecord?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QuerySingleAsync(connection, "SELECT * FROM jobs WHERE job_id = @id", [("@id", Id(jobId))], cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobRecord?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QuerySingleAsync(connection, "SELECT * FROM jobs WHERE idempotency_key = @key", [("@key", idempotencyKey)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT * FROM jobs WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.State is { } state) { sql.Append(" AND state = @state"); parameters.Add(("@state", (int)state)); }
        if (query.StudyInstanceUid is { } study) { sql.Append(" AND study_uid = @study"); parameters.Add(("@study", study)); }
        if (query.SeriesInstanceUid is { } series) { sql.Append(" AND series_uid = @series"); parameters.Add(("@series", series)); }
        sql.Append(" ORDER BY created_at DESC, job_id LIMIT @limit OFFSET @offset");
        parameters.Add(("@limit", Math.Clamp(query.Limit, 1, 1000)));
        parameters.Add(("@offset", Math.Max(0, query.Offset)));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            jobs.Add(Map(reader));
        return jobs;
    }

    public async Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT state, COUNT(*) FROM jobs GROUP BY state");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            counts[(JobState)reader.GetInt32(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        return counts;
    }

    private static async Task<JobRecord?> QuerySingleAsync(DbConnection connection, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is constant; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static JobRecord Map(DbDataReader r) => new()
    {
        JobId = r.GetValue(r.GetOrdinal("job_id")) switch { Guid id => id, var text => Guid.Parse((string)text, CultureInfo.InvariantCulture) },
        IdempotencyKey = r.GetString(r.GetOrdinal("idempotency_key")),
        StudyInstanceUid = r.GetString(r.GetOrdinal("study_uid")),
        SeriesInstanceUid = r.GetString(r.GetOrdinal("series_uid")),
        ModelId = r.GetString(r.GetOrdinal("model_id")),
        Rule = r.GetString(r.GetOrdinal("rule")),
        SourceServer = r.GetString(r.GetOrdinal("source")),
        Priority = (byte)r.GetInt32(r.GetOrdinal("priority")),
        State = (JobState)r.GetInt32(r.GetOrdinal("state")),
        Attempts = r.GetInt32(r.GetOrdinal("attempts")),
        Reason = Text(r, "reason"),
        Message = Text(r, "message"),
        SegSopInstanceUid = Text(r, "seg_uid"),
        SrSopInstanceUid = Text(r, "sr_uid"),
        SupersedesKey = Text(r, "supersedes_key"),
        CreatedAt = FromMs(r.GetInt64(r.GetOrdinal("created_at"))),
        UpdatedAt = FromMs(r.GetInt64(r.GetOrdinal("updated_at"))),
        QueuedAt = Time(r, "queued_at"),
        StartedAt = Time(r, "started_at"),
        FinishedAt = Time(r, "finished_at"),
    };

    private static string? Text(DbDataReader r, string column)
    {
        int i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static DateTimeOffset? Time(DbDataReader r, string column)
    {
        int i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : FromMs(r.GetInt64(i));
    }
}
