using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;

namespace Mosmos.Adapter.Changes;

/// <summary>
/// Follows Orthanc's <c>/changes</c> with a durable cursor: pages with <c>since</c>/<c>limit</c> until <c>Done</c>,
/// dispatches every <c>StableStudy</c>, and persists the cursor only past changes that were fully handled, so a
/// restart resumes exactly where it stopped. Errors back off exponentially and leave the cursor where it was.
/// </summary>
public sealed partial class ChangeFeedPoller(
    OrthancClient orthanc,
    StudyDispatcher dispatcher,
    IJobStore store,
    FeedStatus status,
    IOptions<OrthancSourceOptions> options,
    ILogger<ChangeFeedPoller> logger) : SourcePoller(options.Value)
{
    protected override FeedStatus Status => status;

    protected override ILogger Logger => logger;

    protected override Task<bool> PollAsync(CancellationToken cancellationToken) => PollOnceAsync(options.Value, cancellationToken);

    /// <summary>Handles one page; returns true when the feed is exhausted for now.</summary>
    public async Task<bool> PollOnceAsync(OrthancSourceOptions o, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(o);
        long cursor = await store.GetCursorAsync(o.Name, cancellationToken).ConfigureAwait(false)
            ?? await StartCursorAsync(o, cancellationToken).ConfigureAwait(false);
        var page = await orthanc.GetChangesAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (page.Skipped > 0) LogMalformed(logger, page.Skipped, cursor);
        foreach (var change in page.Changes.OrderBy(c => c.Seq))
        {
            if (change.ChangeType == "StableStudy" && change.ResourceType == "Study")
                await HandleStableStudyAsync(change, cancellationToken).ConfigureAwait(false);
            await store.SetCursorAsync(o.Name, change.Seq, cancellationToken).ConfigureAwait(false);
        }
        await store.SetCursorAsync(o.Name, page.Last, cancellationToken).ConfigureAwait(false);
        status.Cursor = page.Last;
        // Behind: ask for the newest sequence number so the lag is a count of changes, not a guess.
        status.Lag = page.Done ? 0 : Math.Max(0, await orthanc.GetLastSeqAsync(cancellationToken).ConfigureAwait(false) - page.Last);
        return page.Done;
    }

    private async Task HandleStableStudyAsync(OrthancChange change, CancellationToken cancellationToken)
    {
        using var activity = AdapterTracing.Source.StartActivity("StableStudy");
        activity?.SetTag("orthanc.change_seq", change.Seq);
        var studyUid = await orthanc.GetStudyInstanceUidAsync(change.ResourceId, cancellationToken).ConfigureAwait(false);
        if (studyUid is null)
        {
            LogStudyGone(logger, change.ResourceId, change.Seq);
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StudyInstanceUid"] = studyUid, ["ChangeSeq"] = change.Seq });
        activity?.SetTag("dicom.study_instance_uid", studyUid);
        int jobs = await dispatcher.DispatchAsync(studyUid, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("mosmos.jobs_dispatched", jobs);
        LogStudyHandled(logger, studyUid, jobs);
    }

    private async Task<long> StartCursorAsync(OrthancSourceOptions o, CancellationToken cancellationToken)
    {
        long start = o.StartFrom == CursorStart.Beginning ? 0 : await orthanc.GetLastSeqAsync(cancellationToken).ConfigureAwait(false);
        await store.SetCursorAsync(o.Name, start, cancellationToken).ConfigureAwait(false);
        LogCursorStarted(logger, o.Name, start);
        return start;
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "New cursor for source {Source} starts at change {Seq}")]
    private static partial void LogCursorStarted(ILogger logger, string source, long seq);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Stable study {StudyInstanceUid}: {Jobs} job(s) dispatched")]
    private static partial void LogStudyHandled(ILogger logger, string studyInstanceUid, int jobs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{Count} malformed change entries after {Cursor} were skipped")]
    private static partial void LogMalformed(ILogger logger, int count, long cursor);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Study {OrthancId} of change {Seq} no longer exists; skipped")]
    private static partial void LogStudyGone(ILogger logger, string orthancId, long seq);
}
