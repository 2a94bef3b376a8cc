using Mosmos.Adapter.Jobs;
using Mosmos.Contracts;

namespace Mosmos.Adapter.Tests.Jobs;

/// <summary>
/// What every <see cref="IJobStore"/> must do, run against each implementation (SQLite, PostgreSQL) by the derived
/// classes, each on a store of its own.
/// </summary>
public abstract class JobStoreContract : IAsyncLifetime
{
    private IJobStore _store = null!;

    /// <summary>A new, empty store (schema not yet created).</summary>
    protected abstract Task<IJobStore> CreateStoreAsync();

    /// <summary>A second store over the same database, as a restarted adapter would open it.</summary>
    protected abstract IJobStore Reopen();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
        await _store.InitializeAsync(CancellationToken.None);  // a restart runs it again: idempotent
    }

    public virtual Task DisposeAsync() => _store is IAsyncDisposable d ? d.DisposeAsync().AsTask() : Task.CompletedTask;

    private static JobRecord Job(string key, string series = "1.2.3.4") => new()
    {
        JobId = Guid.NewGuid(), IdempotencyKey = key, StudyInstanceUid = "1.2.3", SeriesInstanceUid = series,
        ModelId = "mosmos-abdomen", Rule = "ct", SourceServer = "orthanc", Priority = 0,
    };

    [Fact]
    public async Task The_same_key_is_recorded_once()
    {
        var (first, created1) = await _store.CreateAsync(Job("k1"), default);
        var (second, created2) = await _store.CreateAsync(Job("k1"), default);
        Assert.True(created1);
        Assert.False(created2);
        Assert.Equal(first.JobId, second.JobId);
        Assert.Equal(JobState.Pending, second.State);
    }

    [Fact]
    public async Task New_content_supersedes_the_older_result_of_the_series()
    {
        var (old, _) = await _store.CreateAsync(Job("k-old"), default);
        await _store.MarkQueuedAsync(old.JobId, default);
        await _store.MarkCompletedAsync(Completed(old), default);

        var (fresh, created) = await _store.CreateAsync(Job("k-new"), default);

        Assert.True(created);
        Assert.Equal("k-old", fresh.SupersedesKey);
        Assert.Equal(JobState.Superseded, (await _store.GetAsync(old.JobId, default))!.State);
        Assert.Equal("2.25.1", (await _store.GetAsync(old.JobId, default))!.SegSopInstanceUid);
    }

    [Fact]
    public async Task Concurrent_new_contents_of_one_series_leave_exactly_one_live_job()
    {
        var creates = Enumerable.Range(0, 8).Select(i => Task.Run(() => _store.CreateAsync(Job($"k-race-{i}", "7.7.7"), default)));
        var results = await Task.WhenAll(creates);

        Assert.All(results, r => Assert.True(r.Created));
        var jobs = await _store.ListAsync(new JobQuery(SeriesInstanceUid: "7.7.7"), default);
        Assert.Equal(8, jobs.Count);
        Assert.Single(jobs, j => j.State == JobState.Pending);
        Assert.Equal(7, jobs.Count(j => j.State == JobState.Superseded));
    }

    [Fact]
    public async Task Transitions_never_move_a_finished_job_back()
    {
        var (job, _) = await _store.CreateAsync(Job("k2"), default);
        await _store.MarkQueuedAsync(job.JobId, default);
        Assert.Equal(JobState.Queued, (await _store.GetAsync(job.JobId, default))!.State);
        await _store.MarkCompletedAsync(Completed(job), default);
        await _store.MarkStartedAsync(new SegmentationStarted(job.JobId, job.IdempotencyKey, 2, "w1", DateTimeOffset.UtcNow), default);
        await _store.MarkFailedAsync(new SegmentationFailed(job.JobId, job.IdempotencyKey, "1.2.3", "1.2.3.4", "m", FailureReason.Timeout, "late", 2), default);

        var stored = (await _store.GetAsync(job.JobId, default))!;
        Assert.Equal(JobState.Completed, stored.State);
        Assert.Null(stored.Reason);
        Assert.NotNull(stored.QueuedAt);
        Assert.NotNull(stored.FinishedAt);
    }

    [Fact]
    public async Task A_failed_job_keeps_its_reason_and_can_be_rerun()
    {
        var (job, _) = await _store.CreateAsync(Job("k3"), default);
        await _store.MarkStartedAsync(new SegmentationStarted(job.JobId, job.IdempotencyKey, 3, "w1", DateTimeOffset.UtcNow), default);
        Assert.Equal(JobState.Running, (await _store.GetAsync(job.JobId, default))!.State);
        await _store.MarkFailedAsync(new SegmentationFailed(job.JobId, job.IdempotencyKey, "1.2.3", "1.2.3.4", "m", FailureReason.Undecodable, "frame 3 cannot be decoded", 3), default);

        var failed = (await _store.FindByKeyAsync("k3", default))!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("Undecodable", failed.Reason);
        Assert.Equal("frame 3 cannot be decoded", failed.Message);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(1, (await _store.CountByStateAsync(default))[JobState.Failed]);

        var rerun = await _store.ResetForRerunAsync("k3", default);
        Assert.NotNull(rerun);
        Assert.NotEqual(job.JobId, rerun.JobId);
        Assert.Equal(JobState.Pending, rerun.State);
        Assert.Equal(0, rerun.Attempts);
        Assert.Null(await _store.ResetForRerunAsync("k3", default));
    }

    [Fact]
    public async Task Cursor_is_durable_and_listing_filters()
    {
        Assert.Null(await _store.GetCursorAsync("orthanc", default));
        await _store.SetCursorAsync("orthanc", 41, default);
        await _store.SetCursorAsync("orthanc", 42, default);
        await _store.SetCursorAsync("other", 7, default);
        var reopened = Reopen();
        try
        {
            Assert.Equal(42, await reopened.GetCursorAsync("orthanc", default));
            Assert.Equal(7, await reopened.GetCursorAsync("other", default));
        }
        finally
        {
            if (reopened is IAsyncDisposable d) await d.DisposeAsync();
        }

        await _store.CreateAsync(Job("a", "9.1"), default);
        await _store.CreateAsync(Job("b", "9.2"), default);
        Assert.Single(await _store.ListAsync(new JobQuery(SeriesInstanceUid: "9.2"), default));
        Assert.Equal(2, (await _store.ListAsync(new JobQuery(State: JobState.Pending), default)).Count);
        Assert.Single(await _store.ListAsync(new JobQuery(Limit: 1, Offset: 1), default));
        Assert.Equal(2, (await _store.CountByStateAsync(default))[JobState.Pending]);
    }

    [Fact]
    public async Task Watched_studies_are_kept_per_source_replaced_and_forgotten_by_date()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
        await _store.SaveWatchedStudyAsync("dicomweb", new WatchedStudy("1.1", "20261120", "1/10", at, null), default);
        await _store.SaveWatchedStudyAsync("dicomweb", new WatchedStudy("1.2", "20261124", "2/20", at, "2/20"), default);
        await _store.SaveWatchedStudyAsync("other", new WatchedStudy("1.1", "20261101", "9/9", at, null), default);
        await _store.SaveWatchedStudyAsync("dicomweb", new WatchedStudy("1.1", "20261120", "1/12", at.AddSeconds(5), "1/10"), default);

        var watched = await Reopen().GetWatchedStudiesAsync("dicomweb", default);
        Assert.Equal(2, watched.Count);
        Assert.Equal(new WatchedStudy("1.1", "20261120", "1/12", at.AddSeconds(5), "1/10"), watched["1.1"]);
        Assert.False(watched["1.1"].IsDispatched);
        Assert.True(watched["1.2"].IsDispatched);

        Assert.Equal(1, await _store.ForgetWatchedStudiesBeforeAsync("dicomweb", "20261121", default));
        Assert.Equal(["1.2"], (await _store.GetWatchedStudiesAsync("dicomweb", default)).Keys);
        Assert.Single(await _store.GetWatchedStudiesAsync("other", default));
    }

    private static SegmentationCompleted Completed(JobRecord job) =>
        new(job.JobId, job.IdempotencyKey, job.StudyInstanceUid, job.SeriesInstanceUid, "2.25.1", "2.25.2", job.ModelId, [], []);
}
