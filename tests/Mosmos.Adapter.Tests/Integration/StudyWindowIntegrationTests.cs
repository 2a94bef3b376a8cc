using System.Globalization;
using Mosmos.Adapter.Jobs;
using Mosmos.Dicom;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>
/// The DICOMweb source against real Orthanc through its DICOMweb API alone (QIDO-RS for the window and the series,
/// WADO-RS metadata; no /changes), publishing on real RabbitMQ.
/// </summary>
[Collection(AdapterStackGroup.Name)]
public sealed class StudyWindowIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private AdapterStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await AdapterStack.StartAsync();
        await _stack.WindowPoller.PollOnceAsync(_stack.Archive, default);  // baseline: what the archive holds now is not new
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_new_study_gives_one_job_after_the_quiet_period_and_never_a_second_across_windows_and_restarts()
    {
        string study = DicomUid.Generate(), axial = DicomUid.Generate();
        await StoreAsync(
            TestStudies.Series(study, axial, 12, ["ORIGINAL", "PRIMARY", "AXIAL"], studyDate: TestStudies.Today),
            TestStudies.Series(study, DicomUid.Generate(), 2, ["ORIGINAL", "PRIMARY", "LOCALIZER"], description: "Topogram", studyDate: TestStudies.Today));

        await _stack.WindowPoller.PollOnceAsync(_stack.Archive, default);
        var seen = (await _stack.Store.GetWatchedStudiesAsync("archive", default))[study];
        Assert.Equal("2/14", seen.Fingerprint);
        Assert.Null(seen.DispatchedFingerprint);
        Assert.Empty(_stack.For(study));  // inside the quiet period
        Assert.True(_stack.WindowStatus.Lag >= 1);

        Assert.True(await _stack.PollWindowUntilAsync(() => _stack.For(study).Count > 0, Patience), "no job was dispatched");
        var job = Assert.Single(_stack.For(study));
        Assert.Equal(axial, job.SeriesInstanceUid);
        Assert.Equal("archive", job.SourceServer);
        Assert.Equal(JobState.Queued, (await _stack.Store.GetAsync(job.JobId, default))!.State);
        Assert.Equal(long.Parse(TestStudies.Today, CultureInfo.InvariantCulture), await _stack.Store.GetCursorAsync("archive", default));

        // A wider window (cursor moved back five days) sees the study again: no second job.
        var earlier = DateTime.Now.AddDays(-5).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await _stack.Store.SetCursorAsync("archive", long.Parse(earlier, CultureInfo.InvariantCulture), default);
        await _stack.PollWindowUntilAsync(() => false, TimeSpan.FromSeconds(4));
        // A restarted adapter (new poller and store over the same database) does not dispatch it again either.
        _stack.Restart();
        await _stack.PollWindowUntilAsync(() => false, TimeSpan.FromSeconds(4));
        Assert.Single(_stack.For(study));
        Assert.Equal(long.Parse(TestStudies.Today, CultureInfo.InvariantCulture), await _stack.Store.GetCursorAsync("archive", default));
    }

    [Fact]
    public async Task A_study_that_grows_and_is_quiet_again_gives_a_job_that_supersedes_the_first()
    {
        string study = DicomUid.Generate(), axial = DicomUid.Generate();
        await StoreAsync(TestStudies.Series(study, axial, 12, ["ORIGINAL", "PRIMARY", "AXIAL"], studyDate: TestStudies.Today));
        Assert.True(await _stack.PollWindowUntilAsync(() => _stack.For(study).Count > 0, Patience), "no job was dispatched");
        var first = Assert.Single(_stack.For(study));

        await StoreAsync(TestStudies.Series(study, axial, 3, ["ORIGINAL", "PRIMARY", "AXIAL"], firstInstance: 13, studyDate: TestStudies.Today));
        Assert.True(await _stack.PollWindowUntilAsync(() => _stack.For(study).Count > 1, Patience), "the grown study gave no new job");
        await _stack.PollWindowUntilAsync(() => false, TimeSpan.FromSeconds(3));

        Assert.Equal(2, _stack.For(study).Count);
        var second = _stack.For(study)[1];
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(first.IdempotencyKey, second.SupersedesKey);
        Assert.Equal(JobState.Superseded, (await _stack.Store.GetAsync(first.JobId, default))!.State);
        Assert.Equal("1/15", (await _stack.Store.GetWatchedStudiesAsync("archive", default))[study].DispatchedFingerprint);
    }

    [Fact]
    public async Task Studies_dated_before_the_window_are_not_seen_and_leave_the_store()
    {
        string old = DicomUid.Generate();
        var longAgo = DateTime.Now.AddDays(-30).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await StoreAsync(TestStudies.Series(old, DicomUid.Generate(), 12, ["ORIGINAL", "PRIMARY", "AXIAL"], studyDate: longAgo));
        await _stack.Store.SaveWatchedStudyAsync("archive", new WatchedStudy("9.9.9", longAgo, "1/1", DateTimeOffset.UtcNow, null), default);

        await _stack.PollWindowUntilAsync(() => false, TimeSpan.FromSeconds(4));

        Assert.Empty(_stack.For(old));
        var watched = await _stack.Store.GetWatchedStudiesAsync("archive", default);
        Assert.False(watched.ContainsKey(old));
        Assert.False(watched.ContainsKey("9.9.9"));
    }

    private async Task StoreAsync(params IEnumerable<DicomDataset>[] series)
    {
        var result = await _stack.DicomWeb.StoreAsync(series.SelectMany(s => s));
        result.EnsureSuccess();
    }
}
