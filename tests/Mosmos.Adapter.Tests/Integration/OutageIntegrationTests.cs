using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Jobs;
using Mosmos.Dicom;
using Mosmos.Testing;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>
/// The broker or the archive goes away while studies arrive: health turns degraded, the cursor stays before every study
/// not yet confirmed on the broker, and once the service is back every study is dispatched, none twice. Each test
/// follows an Orthanc of its own and stops and restarts it or a RabbitMQ of its own (<see cref="PrivateService"/>),
/// never the shared ones.
/// </summary>
[Collection(AdapterStackGroup.Name)]
public sealed class OutageIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task RabbitMq_stopped_while_studies_arrive_loses_nothing_and_holds_the_cursor()
    {
        await using var orthanc = await PrivateService.OrthancAsync();
        await using var rabbit = await PrivateService.RabbitMqAsync();
        await using var stack = await AdapterStack.StartAsync(orthanc.Orthanc, rabbit.RabbitMq);
        await stack.Poller.PollOnceAsync(stack.Source, default);
        await rabbit.StopAsync();

        string a = DicomUid.Generate(), b = DicomUid.Generate();
        await StoreAsync(stack, a);
        await StoreAsync(stack, b);
        await stack.Poller.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await WaitAsync(async () => (await stack.Store.ListAsync(new(StudyInstanceUid: a), default)).Count > 0 && await IsDegradedAsync(stack.Status), Patience),
                "the poller neither recorded the job nor reported the broker outage");
            var pending = Assert.Single(await stack.Store.ListAsync(new(StudyInstanceUid: a), default));
            Assert.Equal(JobState.Pending, pending.State);
            Assert.Empty(stack.For(a));
            // The StableStudy change of the unconfirmed study is still ahead of the stored cursor.
            Assert.Contains(a, await StableStudiesAfterCursorAsync(stack));

            await rabbit.StartAsync();
            Assert.True(await WaitAsync(() => Task.FromResult(stack.For(a).Count > 0 && stack.For(b).Count > 0), Patience),
                "the studies that arrived during the outage were not dispatched after it");
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Single(stack.For(a));
            Assert.Single(stack.For(b));
            Assert.False(await IsDegradedAsync(stack.Status));
            Assert.Equal(JobState.Queued, (await stack.Store.ListAsync(new(StudyInstanceUid: a), default)).Single().State);
            Assert.DoesNotContain(a, await StableStudiesAfterCursorAsync(stack));
        }
        finally
        {
            await stack.Poller.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Orthanc_stopped_and_restarted_degrades_health_then_resumes_without_missing_a_study()
    {
        await using var orthanc = await PrivateService.OrthancAsync();
        await using var stack = await AdapterStack.StartAsync(privateOrthanc: orthanc.Orthanc);
        await stack.Poller.PollOnceAsync(stack.Source, default);
        long cursor = (await stack.Store.GetCursorAsync("orthanc", default))!.Value;

        // A study that Orthanc judged stable just before it went away, before the adapter saw it.
        string a = DicomUid.Generate(), b = DicomUid.Generate();
        await StoreAsync(stack, a);
        Assert.True(await WaitAsync(() => IsStableInOrthancAsync(stack, a), Patience), "Orthanc never judged the study stable");
        await orthanc.StopAsync();

        await stack.Poller.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await WaitAsync(() => IsDegradedAsync(stack.Status), Patience), "health did not turn degraded with Orthanc down");
            Assert.Empty(stack.For(a));
            Assert.Equal(cursor, await stack.Store.GetCursorAsync("orthanc", default));

            await orthanc.StartAsync();
            Assert.True(await WaitAsync(() => Task.FromResult(stack.For(a).Count > 0), Patience), "the study stable before the outage was missed");
            await StoreAsync(stack, b);
            Assert.True(await WaitAsync(() => Task.FromResult(stack.For(b).Count > 0), Patience), "a study after the outage was not dispatched");
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Single(stack.For(a));
            Assert.Single(stack.For(b));
            Assert.False(await IsDegradedAsync(stack.Status));
        }
        finally
        {
            await stack.Poller.StopAsync(CancellationToken.None);
        }
    }

    private static async Task StoreAsync(AdapterStack stack, string study) =>
        (await stack.DicomWeb.StoreAsync(TestStudies.Series(study, DicomUid.Generate(), 12, ["ORIGINAL", "PRIMARY", "AXIAL"]))).EnsureSuccess();

    private static async Task<bool> IsDegradedAsync(FeedStatus status) =>
        (await status.CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Degraded;

    private static async Task<bool> IsStableInOrthancAsync(AdapterStack stack, string studyUid)
    {
        using var http = stack.Orthanc.CreateClient();
        using var lookup = await http.PostAsync(new Uri(stack.Orthanc.Url, "tools/lookup"), new StringContent(studyUid));
        var found = System.Text.Json.JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement;
        if (found.GetArrayLength() == 0) return false;
        var id = found[0].GetProperty("ID").GetString();
        var study = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Orthanc.Url, $"studies/{id}"))).RootElement;
        return study.GetProperty("IsStable").GetBoolean();
    }

    /// <summary>StudyInstanceUIDs of the StableStudy changes after the stored cursor.</summary>
    private static async Task<HashSet<string>> StableStudiesAfterCursorAsync(AdapterStack stack)
    {
        using var http = stack.Orthanc.CreateClient();
        var client = new OrthancClient(http);
        long since = (await stack.Store.GetCursorAsync("orthanc", default))!.Value;
        var studies = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await client.GetChangesAsync(since, default);
            foreach (var change in page.Changes.Where(c => c.ChangeType == "StableStudy"))
                if (await client.GetStudyInstanceUidAsync(change.ResourceId, default) is { } uid) studies.Add(uid);
            if (page.Done) return studies;
            since = page.Last;
        }
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (HttpRequestException)
            {
                // the archive is restarting
            }
            await Task.Delay(250);
        }
        return await condition();
    }
}
