using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Metrics;
using Mosmos.Adapter.Selection;
using Mosmos.Contracts;

namespace Mosmos.Adapter.Dispatch;

/// <summary>
/// Turns a stable study into jobs: examine its series, apply the rules, record each job, publish it, and mark it
/// queued once the broker confirmed. A job already known for the same content is not dispatched again; a job
/// left pending by a crash between record and publish is published again (at-least-once; the worker's output
/// UIDs make the repeat harmless). A study whose examination keeps failing while the feed answers is recorded as a
/// failed job after <see cref="OrthancSourceOptions.MaxExaminationAttempts"/> tries instead of blocking the feed.
/// </summary>
public sealed partial class StudyDispatcher(
    IStudyExaminer examiner,
    SeriesSelector selector,
    IJobStore store,
    IPublishEndpoint publisher,
    IOptions<OrthancSourceOptions> source,
    ILogger<StudyDispatcher> logger,
    AdapterMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, int> _examinationFailures = new(StringComparer.Ordinal);

    /// <returns>The number of jobs published.</returns>
    public async Task<int> DispatchAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        IReadOnlyList<SeriesCandidate> series;
        try
        {
            series = await examiner.ExamineAsync(studyInstanceUid, cancellationToken).ConfigureAwait(false);
            _examinationFailures.TryRemove(studyInstanceUid, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException && SourcePoller.IsTransient(e)
            && _examinationFailures.AddOrUpdate(studyInstanceUid, 1, (_, n) => n + 1) >= source.Value.MaxExaminationAttempts)
        {
            _examinationFailures.TryRemove(studyInstanceUid, out _);
            await RecordUnexaminableAsync(studyInstanceUid, e, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        var selection = selector.Select(series);
        foreach (var decision in selection.Decisions.Where(d => !d.Selected))
            LogSeriesSkipped(logger, decision.Series.SeriesInstanceUid, decision.Rejections);
        int published = 0;
        foreach (var chosen in selection.Selected)
        {
            var key = IdempotencyKeys.For(chosen.Series.SeriesInstanceUid, chosen.Series.SopInstanceUids, chosen.Rule.Model);
            var (job, created) = await store.CreateAsync(new JobRecord
            {
                JobId = Guid.NewGuid(),
                IdempotencyKey = key,
                StudyInstanceUid = chosen.Series.StudyInstanceUid,
                SeriesInstanceUid = chosen.Series.SeriesInstanceUid,
                ModelId = chosen.Rule.Model,
                Rule = chosen.Rule.Name,
                SourceServer = source.Value.Name,
                Priority = chosen.Priority,
            }, cancellationToken).ConfigureAwait(false);
            if (!created && job.State != JobState.Pending)
            {
                LogAlreadyKnown(logger, job.JobId, job.SeriesInstanceUid, job.State);
                continue;
            }
            await PublishAsync(job, cancellationToken).ConfigureAwait(false);
            published++;
        }
        return published;
    }

    /// <summary>
    /// A study that failed <see cref="OrthancSourceOptions.MaxExaminationAttempts"/> examinations in a row: one failed
    /// job for the whole study (no series, no model) with the last error, never published; the feed moves on.
    /// </summary>
    private async Task RecordUnexaminableAsync(string studyInstanceUid, Exception error, CancellationToken cancellationToken)
    {
        int attempts = source.Value.MaxExaminationAttempts;
        var (job, created) = await store.CreateAsync(new JobRecord
        {
            JobId = Guid.NewGuid(),
            IdempotencyKey = $"{studyInstanceUid}|unexaminable|{source.Value.Name}",
            StudyInstanceUid = studyInstanceUid,
            SeriesInstanceUid = string.Empty,
            ModelId = string.Empty,
            Rule = string.Empty,
            SourceServer = source.Value.Name,
        }, cancellationToken).ConfigureAwait(false);
        string message = $"the study could not be examined {attempts} times in a row ({error.GetType().Name}: {error.Message}); " +
            "no series was chosen and the adapter moved on; re-run the study through the job API once the archive describes it";
        await store.MarkFailedAsync(new SegmentationFailed(job.JobId, job.IdempotencyKey, studyInstanceUid, string.Empty, string.Empty,
            FailureReason.SourceUnavailable, message, attempts), cancellationToken).ConfigureAwait(false);
        LogUnexaminable(logger, studyInstanceUid, attempts, error.GetType().Name, error.Message, created);
    }

    /// <summary>Publishes a pending job (also used by re-runs) and marks it queued after the broker's confirm.</summary>
    public async Task PublishAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var message = new SegmentSeries(job.JobId, job.IdempotencyKey, job.StudyInstanceUid, job.SeriesInstanceUid,
            job.SourceServer, job.ModelId, job.Priority, job.SupersedesKey);
        // With RabbitMQ, Publish completes only after the publisher confirm (MassTransit's default). While the broker is
        // away MassTransit waits for it to come back; the timeout turns that wait into a failed poll that is retried.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(source.Value.DispatchTimeout);
            try
            {
                await publisher.Publish(message, context => context.TrySetPriority(job.Priority), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the broker did not confirm job {job.JobId} within {source.Value.DispatchTimeout.TotalSeconds} s", e);
            }
        }
        await store.MarkQueuedAsync(job.JobId, cancellationToken).ConfigureAwait(false);
        metrics?.Dispatched();
        LogDispatched(logger, job.JobId, job.StudyInstanceUid, job.SeriesInstanceUid, job.ModelId);
    }

    [LoggerMessage(EventId = 2013, Level = LogLevel.Error,
        Message = "Study {StudyInstanceUid} failed examination {Attempts} times in a row ({ErrorType}: {Error}); recorded as a failed job (new record: {Created}) and skipped")]
    private static partial void LogUnexaminable(ILogger logger, string studyInstanceUid, int attempts, string errorType, string error, bool created);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Job {JobId} dispatched: study {StudyInstanceUid}, series {SeriesInstanceUid}, model {ModelId}")]
    private static partial void LogDispatched(ILogger logger, Guid jobId, string studyInstanceUid, string seriesInstanceUid, string modelId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "Series {SeriesInstanceUid} not selected: {Reasons}")]
    private static partial void LogSeriesSkipped(ILogger logger, string seriesInstanceUid, IReadOnlyList<string> reasons);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Job {JobId} for series {SeriesInstanceUid} already {State}; not dispatched again")]
    private static partial void LogAlreadyKnown(ILogger logger, Guid jobId, string seriesInstanceUid, JobState state);
}
