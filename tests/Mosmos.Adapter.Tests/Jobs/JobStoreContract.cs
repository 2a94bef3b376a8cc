using Mosmos.Adapter.Jobs;
using Mosmos.Contracts;

namespace Mosmos.Adapter.Tests.Jobs;

public sealed class SqliteJobStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mosmos-jobs-{Guid.NewGuid():N}.db");
    private SqliteJobStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteJobStore($"Data Source={_path};Pooling=False", TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(f);
    }

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
    public async Task Transitions_never_move_a_finished_job_back()
    {
        var (job, _) = await _store.CreateAsync(Job("k2"), default);
        await _store.MarkQueuedAsync(job.JobId, default);
        await _store.MarkCompletedAsync(Completed(job), default);
        await _store.MarkStartedAsync(new SegmentationStarted(job.JobId, job.IdempotencyKey, 2, "w1", DateTimeOffset.UtcNow), default);
        await _store.MarkFailedAsync(new SegmentationFailed(job.JobId, job.IdempotencyKey, "1.2.3", "1.2.3.4", "m", FailureReason.Timeout, "late", 2), default);

        var stored = (await _store.GetAsync(job.JobId, default))!;
        Assert.Equal(JobState.Completed, stored.State);
        Assert.Null(stored.Reason);
    }

    [Fact]
    public async Task A_failed_job_keeps_its_reason_and_can_be_rerun()
    {
        var (job, _) = await _store.CreateAsync(Job("k3"), default);
        await _store.MarkStartedAsync(new SegmentationStarted(job.JobId, job.IdempotencyKey, 3, "w1", DateTimeOffset.UtcNow), default);
        await _store.MarkFailedAsync(new SegmentationFailed(job.JobId, job.IdempotencyKey, "1.2.3", "1.2.3.4", "m", FailureReason.Undecodable, "frame 3 cannot be decoded", 3), default);

        var failed = (await _store.FindByKeyAsync("k3", default))!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("Undecodable", failed.Reason);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(1, (await _store.CountByStateAsync(default))[JobState.Failed]);

        var rerun = await _store.ResetForRerunAsync("k3", default);
        Assert.NotNull(rerun);
        Assert.NotEqual(job.JobId, rerun.JobId);
        Assert.Equal(JobState.Pending, rerun.State);
        Assert.Null(await _store.ResetForRerunAsync("k3", default));
    }

    [Fact]
    public async Task Cursor_is_durable_and_listing_filters()
    {
        Assert.Null(await _store.GetCursorAsync("orthanc", default));
        await _store.SetCursorAsync("orthanc", 41, default);
        await _store.SetCursorAsync("orthanc", 42, default);
        var reopened = new SqliteJobStore($"Data Source={_path};Pooling=False", TimeProvider.System);
        Assert.Equal(42, await reopened.GetCursorAsync("orthanc", default));

        await _store.CreateAsync(Job("a", "9.1"), default);
        await _store.CreateAsync(Job("b", "9.2"), default);
        Assert.Single(await _store.ListAsync(new JobQuery(SeriesInstanceUid: "9.2"), default));
        Assert.Equal(2, (await _store.ListAsync(new JobQuery(State: JobState.Pending), default)).Count);
    }

    private static SegmentationCompleted Completed(JobRecord job) =>
        new(job.JobId, job.IdempotencyKey, job.StudyInstanceUid, job.SeriesInstanceUid, "2.25.1", "2.25.2", job.ModelId, [], []);
}
