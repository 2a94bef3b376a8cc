namespace Mosmos.Adapter.Jobs;

public abstract partial class SqlJobStore
{
    public async Task<IReadOnlyDictionary<string, WatchedStudy>> GetWatchedStudiesAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT study_uid, study_date, fingerprint, changed_at, dispatched_fingerprint FROM watched_studies WHERE source = @source",
            ("@source", source));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var studies = new Dictionary<string, WatchedStudy>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var study = new WatchedStudy(reader.GetString(0), reader.GetString(1), reader.GetString(2), FromMs(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            studies[study.StudyInstanceUid] = study;
        }
        return studies;
    }

    public async Task SaveWatchedStudyAsync(string source, WatchedStudy study, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            INSERT INTO watched_studies (source, study_uid, study_date, fingerprint, changed_at, dispatched_fingerprint)
            VALUES (@source, @study, @date, @fingerprint, @changed, @dispatched)
            ON CONFLICT (source, study_uid) DO UPDATE SET study_date = @date, fingerprint = @fingerprint, changed_at = @changed,
                dispatched_fingerprint = @dispatched
            """,
            [("@source", source), ("@study", study.StudyInstanceUid), ("@date", study.StudyDate), ("@fingerprint", study.Fingerprint),
             ("@changed", study.ChangedAt.ToUnixTimeMilliseconds()), ("@dispatched", study.DispatchedFingerprint)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ForgetWatchedStudiesBeforeAsync(string source, string studyDate, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, "DELETE FROM watched_studies WHERE source = @source AND study_date < @date",
            [("@source", source), ("@date", studyDate)], cancellationToken).ConfigureAwait(false);
    }
}
