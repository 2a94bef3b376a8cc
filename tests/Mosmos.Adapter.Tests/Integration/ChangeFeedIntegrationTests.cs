using Mosmos.Adapter.Jobs;
using Mosmos.Dicom;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>The adapter against real Orthanc (change feed, DICOMweb) and real RabbitMQ (publisher confirms).</summary>
[Collection(AdapterStackGroup.Name)]
public sealed class ChangeFeedIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private AdapterStack _stack = null!;

    public async Task InitializeAsync() => _stack = await AdapterStack.StartAsync();

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_new_study_gives_one_job_for_its_axial_series_and_none_for_localizer_reformat_or_own_output()
    {
        await _stack.Poller.PollOnceAsync(_stack.Source, default);  // cursor starts now
        string study = DicomUid.Generate(), axial = DicomUid.Generate();
        await StoreAsync(
            TestStudies.Series(study, axial, 20, ["ORIGINAL", "PRIMARY", "AXIAL"]),
            TestStudies.Series(study, DicomUid.Generate(), 2, ["ORIGINAL", "PRIMARY", "LOCALIZER"], description: "Topogram"),
            TestStudies.Series(study, DicomUid.Generate(), 20, ["DERIVED", "SECONDARY", "MPR"], description: "Coronal MPR",
                orientation: [1, 0, 0, 0, 0, -1]),
            TestStudies.Series(study, DicomUid.Generate(), 20, ["DERIVED", "PRIMARY"], modality: "SEG",
                sopClass: TestStudies.SegmentationStorage, manufacturer: "MOSMOS", description: "MOSMOS organs"));

        Assert.True(await _stack.PollUntilAsync(() => _stack.For(study).Count > 0, Patience), "no job was dispatched");
        await _stack.PollUntilAsync(() => false, TimeSpan.FromSeconds(4));  // anything else would arrive now

        var job = Assert.Single(_stack.For(study));
        Assert.Equal(axial, job.SeriesInstanceUid);
        Assert.Equal("orthanc", job.SourceServer);
        var stored = await _stack.Store.GetAsync(job.JobId, default);
        Assert.Equal(JobState.Queued, stored!.State);
    }

    [Fact]
    public async Task Duplicate_events_and_a_restart_dispatch_nothing_twice_and_new_instances_supersede()
    {
        await _stack.Poller.PollOnceAsync(_stack.Source, default);
        long start = (await _stack.Store.GetCursorAsync("orthanc", default))!.Value;
        string study = DicomUid.Generate(), axial = DicomUid.Generate();
        await StoreAsync(TestStudies.Series(study, axial, 12, ["ORIGINAL", "PRIMARY", "AXIAL"]));
        Assert.True(await _stack.PollUntilAsync(() => _stack.For(study).Count > 0, Patience), "no job was dispatched");
        var first = Assert.Single(_stack.For(study));

        // A restarted adapter replays the same StableStudy events (cursor moved back): no second job.
        _stack.Restart();
        await _stack.Store.SetCursorAsync("orthanc", start, default);
        await _stack.PollUntilAsync(() => false, TimeSpan.FromSeconds(4));
        Assert.Single(_stack.For(study));

        // Late instances make the study stable again with new content: a new job that supersedes the first.
        await StoreAsync(TestStudies.Series(study, axial, 3, ["ORIGINAL", "PRIMARY", "AXIAL"], firstInstance: 13));
        Assert.True(await _stack.PollUntilAsync(() => _stack.For(study).Count > 1, Patience), "the re-stabilised study gave no new job");
        var second = _stack.For(study)[1];
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(first.IdempotencyKey, second.SupersedesKey);
        Assert.Equal(JobState.Superseded, (await _stack.Store.GetAsync(first.JobId, default))!.State);
    }

    [Fact]
    public async Task Cursor_lag_counts_the_changes_left_when_more_than_a_page_behind()
    {
        await _stack.Poller.PollOnceAsync(_stack.Source, default);
        long start = (await _stack.Store.GetCursorAsync("orthanc", default))!.Value;
        // One instance gives at least one NewInstance change: 150 instances put the feed over a page (100) ahead.
        await StoreAsync(TestStudies.Series(DicomUid.Generate(), DicomUid.Generate(), 150, ["ORIGINAL", "PRIMARY", "AXIAL"]));

        bool done = await _stack.Poller.PollOnceAsync(_stack.Source, default);

        Assert.False(done);
        long cursor = (await _stack.Store.GetCursorAsync("orthanc", default))!.Value;
        Assert.Equal(start + 100, cursor);
        Assert.Equal(cursor, _stack.Status.Cursor);
        Assert.True(_stack.Status.Lag >= 50, $"lag {_stack.Status.Lag} after a page of 100 with at least 150 changes");
        while (!await _stack.Poller.PollOnceAsync(_stack.Source, default)) { }
        Assert.Equal(0, _stack.Status.Lag);
    }

    private async Task StoreAsync(params IEnumerable<DicomDataset>[] series)
    {
        var result = await _stack.DicomWeb.StoreAsync(series.SelectMany(s => s));
        result.EnsureSuccess();
    }
}
