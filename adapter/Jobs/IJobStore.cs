using Mosmos.Contracts;

namespace Mosmos.Adapter.Jobs;

/// <summary>
/// The job table, the source cursors and the studies a polling source watches. A real seam: SQLite is the
/// embedded default, PostgreSQL serves larger sites; both pass the same contract tests. Every transition is idempotent so that redelivered events do no harm.
/// </summary>
public interface IJobStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<long?> GetCursorAsync(string source, CancellationToken cancellationToken);

    Task SetCursorAsync(string source, long value, CancellationToken cancellationToken);

    /// <summary>
    /// Records a job for the key unless one exists. When another, older key of the same series and model is
    /// live or completed, it becomes <see cref="JobState.Superseded"/> and the new job names it.
    /// </summary>
    /// <returns>The new job, or the existing one for the key with <c>Created = false</c>.</returns>
    Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken);

    Task<JobRecord?> GetAsync(Guid jobId, CancellationToken cancellationToken);

    Task<JobRecord?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobRecord>> ListAsync(JobQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken);

    Task MarkQueuedAsync(Guid jobId, CancellationToken cancellationToken);

    Task MarkStartedAsync(SegmentationStarted message, CancellationToken cancellationToken);

    Task MarkCompletedAsync(SegmentationCompleted message, CancellationToken cancellationToken);

    Task MarkFailedAsync(SegmentationFailed message, CancellationToken cancellationToken);

    /// <summary>Puts a finished job back to <see cref="JobState.Pending"/> with a new job id, for a re-run.</summary>
    Task<JobRecord?> ResetForRerunAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The studies a polling source watches (see <see cref="WatchedStudy"/>), by StudyInstanceUID.</summary>
    Task<IReadOnlyDictionary<string, WatchedStudy>> GetWatchedStudiesAsync(string source, CancellationToken cancellationToken);

    /// <summary>Records or replaces what the source knows of one study.</summary>
    Task SaveWatchedStudyAsync(string source, WatchedStudy study, CancellationToken cancellationToken);

    /// <summary>Forgets the studies whose StudyDate (<c>YYYYMMDD</c>) is before <paramref name="studyDate"/>: they left the window.</summary>
    /// <returns>How many were forgotten.</returns>
    Task<int> ForgetWatchedStudiesBeforeAsync(string source, string studyDate, CancellationToken cancellationToken);
}
