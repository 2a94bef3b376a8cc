using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Adapter.Qido;

/// <summary>
/// Follows an archive without a change feed through QIDO-RS alone (PS3.18 §10.6): each poll searches the studies of a
/// StudyDate window (the cursor's date less <see cref="OrthancSourceOptions.WindowOverlapDays"/>, open-ended) with
/// their series and instance counts as a content fingerprint. A study whose fingerprint stayed the same for
/// <see cref="OrthancSourceOptions.QuietPeriod"/> and differs from the one last dispatched is dispatched; the job
/// store remembers every study in the window (<see cref="WatchedStudy"/>), so overlapping windows and restarts never
/// dispatch the same content twice, and a study that grows later is dispatched again (its jobs supersede the old).
/// The cursor, a date <c>YYYYMMDD</c>, stays at the oldest StudyDate not yet dispatched (today when none) and is
/// written only after the publishes are confirmed.
/// Limits of QIDO: a study without StudyDate, or one that arrives more than the overlap after its StudyDate, is not
/// seen (QIDO has no "updated since"; Orthanc's feed has, so prefer the Orthanc source where there is one).
/// </summary>
public sealed partial class StudyWindowPoller(
    IDicomWebClient archive,
    StudyDispatcher dispatcher,
    IJobStore store,
    FeedStatus status,
    TimeProvider clock,
    IOptions<OrthancSourceOptions> options,
    ILogger<StudyWindowPoller> logger) : SourcePoller(options.Value)
{
    private const string DateFormat = "yyyyMMdd";

    protected override FeedStatus Status => status;

    protected override ILogger Logger => logger;

    protected override Task<bool> PollAsync(CancellationToken cancellationToken) => PollOnceAsync(options.Value, cancellationToken);

    /// <summary>Searches the window once, dispatches what is stable and new; always returns true (one window per poll).</summary>
    public async Task<bool> PollOnceAsync(OrthancSourceOptions o, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(o);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        long? stored = await store.GetCursorAsync(o.Name, cancellationToken).ConfigureAwait(false);
        // A new cursor with StartFrom = Now takes what the archive holds today as already seen (a baseline), as a
        // fresh /changes cursor would; Beginning dispatches every dated study of the archive.
        bool baseline = stored is null && o.StartFrom == CursorStart.Now;
        var cursor = stored is { } value ? ParseCursor(value) : o.StartFrom == CursorStart.Now ? today : DateOnly.MinValue;
        var low = cursor.AddDays(-Math.Min(o.WindowOverlapDays, cursor.DayNumber));

        var watched = await store.GetWatchedStudiesAsync(o.Name, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var oldestOpen = today;
        int open = 0, dispatched = 0;
        await foreach (var found in SearchWindowAsync(low, cancellationToken).ConfigureAwait(false))
        {
            watched.TryGetValue(found.StudyInstanceUid, out var known);
            var next = Next(known, found, now, baseline);
            if (next != known)
                await store.SaveWatchedStudyAsync(o.Name, next, cancellationToken).ConfigureAwait(false);
            if (next.IsDispatched) continue;
            if (now - next.ChangedAt >= o.QuietPeriod)
            {
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["StudyInstanceUid"] = next.StudyInstanceUid });
                int jobs = await dispatcher.DispatchAsync(next.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
                await store.SaveWatchedStudyAsync(o.Name, next with { DispatchedFingerprint = next.Fingerprint }, cancellationToken).ConfigureAwait(false);
                LogStudyDispatched(logger, next.StudyInstanceUid, next.Fingerprint, jobs);
                dispatched++;
                continue;
            }
            open++;
            if (TryParseDate(next.StudyDate, out var date) && date < oldestOpen) oldestOpen = date;
        }

        await store.SetCursorAsync(o.Name, ToCursor(oldestOpen), cancellationToken).ConfigureAwait(false);
        int forgotten = await store.ForgetWatchedStudiesBeforeAsync(o.Name,
            oldestOpen.AddDays(-Math.Min(o.WindowOverlapDays, oldestOpen.DayNumber)).ToString(DateFormat, CultureInfo.InvariantCulture),
            cancellationToken).ConfigureAwait(false);
        status.Cursor = ToCursor(oldestOpen);
        status.Lag = open;
        LogWindowPolled(logger, low, dispatched, open, forgotten);
        return true;
    }

    /// <summary>What the store should hold for a study after this sighting.</summary>
    internal static WatchedStudy Next(WatchedStudy? known, WatchedStudy found, DateTimeOffset now, bool baseline)
    {
        if (known is null)
            return found with { ChangedAt = now, DispatchedFingerprint = baseline ? found.Fingerprint : null };
        if (known.Fingerprint != found.Fingerprint || known.StudyDate != found.StudyDate)
            return known with { StudyDate = found.StudyDate, Fingerprint = found.Fingerprint, ChangedAt = now };
        return known;
    }

    private async IAsyncEnumerable<WatchedStudy> SearchWindowAsync(DateOnly low,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An open-ended range (PS3.4 C.2.2.2.5.1): every study dated on or after low, today's included.
        var query = new QidoQuery()
            .Match(DicomTags.StudyDate, low.ToString(DateFormat, CultureInfo.InvariantCulture) + "-")
            .Include(DicomTags.StudyDate, DicomTags.NumberOfStudyRelatedSeries, DicomTags.NumberOfStudyRelatedInstances);
        await foreach (var study in archive.SearchStudiesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (study.GetString(DicomTags.StudyInstanceUid) is not { Length: > 0 } uid) continue;
            int? series = study.GetInt32(DicomTags.NumberOfStudyRelatedSeries);
            int? instances = study.GetInt32(DicomTags.NumberOfStudyRelatedInstances);
            // The counts are optional return keys (PS3.18 Table 10.6.3-3): count the instances where the archive omits them.
            instances ??= await CountInstancesAsync(uid, cancellationToken).ConfigureAwait(false);
            yield return new WatchedStudy(uid, study.GetString(DicomTags.StudyDate) ?? string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"{series?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{instances}"),
                default, null);
        }
    }

    private async Task<int> CountInstancesAsync(string studyUid, CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (var _ in archive.SearchInstancesAsync(studyUid, null, null, cancellationToken).ConfigureAwait(false))
            count++;
        return count;
    }

    private static DateOnly ParseCursor(long value) =>
        TryParseDate(value.ToString(CultureInfo.InvariantCulture), out var date)
            ? date
            : throw new ChangeFeedException($"the stored DICOMweb cursor {value} is not a date YYYYMMDD (was the source renamed from an Orthanc one?)");

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static long ToCursor(DateOnly date) => long.Parse(date.ToString(DateFormat, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Study {StudyInstanceUid} stable with content {Fingerprint}: {Jobs} job(s) dispatched")]
    private static partial void LogStudyDispatched(ILogger logger, string studyInstanceUid, string fingerprint, int jobs);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Debug, Message = "StudyDate window from {Low}: {Dispatched} dispatched, {Open} waiting for stability, {Forgotten} left the window")]
    private static partial void LogWindowPolled(ILogger logger, DateOnly low, int dispatched, int open, int forgotten);
}
