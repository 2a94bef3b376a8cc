using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Tests.Integration;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;
using Mosmos.ServiceDefaults.Tests;
using Mosmos.Testing;

namespace Mosmos.Adapter.Tests.Hosting;

/// <summary>
/// The adapter as <c>Program.cs</c> composes it (in-memory bus), configured with the DicomWeb source and a DICOMweb URL
/// only — no Orthanc REST root, so no change feed can be used — against the real test Orthanc; then its Prometheus
/// endpoint, scraped and parsed.
/// </summary>
[Collection(AdapterStackGroup.Name)]
public sealed class HostedAdapterTests : IDisposable
{
    private const string ApiKey = "hosted-test-key-6f1d";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mosmos-hosted-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Follows_an_archive_by_dicomweb_alone_and_serves_metrics_to_key_holders_without_leaking_identifiers()
    {
        var orthanc = await TestServices.GetOrthancAsync();
        // The shared archive holds other tests' studies of today; the rule takes only this test's, so that the job
        // table holds one job and stands still while the gauge catches up with it.
        string studyDescription = $"CT abdomen hosted {Guid.NewGuid():N}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orthanc:Source"] = "DicomWeb",
            ["Orthanc:Name"] = "hosted-archive",
            ["Orthanc:DicomWebUrl"] = orthanc.DicomWebUrl.ToString(),
            ["Orthanc:User"] = orthanc.User,
            ["Orthanc:Password"] = orthanc.Password,
            ["Orthanc:PollInterval"] = "00:00:00.300",
            ["Orthanc:QuietPeriod"] = "00:00:02",
            ["JobStore:ConnectionString"] = $"Data Source={_database};Pooling=False",
            ["Api:Keys:0"] = ApiKey,
            ["Selection:Rules:0:Name"] = "ct",
            ["Selection:Rules:0:Model"] = "mosmos-abdomen@hosted",
            ["Selection:Rules:0:Modalities:0"] = "CT",
            ["Selection:Rules:0:MinSlices"] = "10",
            ["Selection:Rules:0:StudyDescriptionPattern"] = "^" + studyDescription + "$",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddAdapter();
        builder.AddMosmosBus(bus => bus.AddAdapterConsumers());
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAdapterEndpoints();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IJobStore>();
        Assert.True(await WaitAsync(async () => await store.GetCursorAsync("hosted-archive", default) is not null), "the DICOMweb source never polled");

        string study = DicomUid.Generate(), series = DicomUid.Generate();
        using (var dicomWeb = new DicomWebClient(new DicomWebClientOptions { BaseUrl = orthanc.DicomWebUrl, Username = orthanc.User, Password = orthanc.Password }))
            (await dicomWeb.StoreAsync(TestStudies.Series(study, series, 12, ["ORIGINAL", "PRIMARY", "AXIAL"], studyDate: TestStudies.Today,
                studyDescription: studyDescription))).EnsureSuccess();
        IReadOnlyList<JobRecord> queued = [];
        Assert.True(await WaitAsync(async () => (queued = await store.ListAsync(new(StudyInstanceUid: study, State: JobState.Queued), default)).Count == 1),
            "the hosted adapter dispatched no job for the new study");
        var job = queued.Single();

        // The worker's events for that job, on the same bus: queue and end-to-end latency get their first samples.
        var bus = app.Services.GetRequiredService<IBus>();
        await bus.Publish(new SegmentationStarted(job.JobId, job.IdempotencyKey, 1, "worker-1", DateTimeOffset.UtcNow));
        await bus.Publish(new SegmentationCompleted(job.JobId, job.IdempotencyKey, study, series, "2.25.11", "2.25.12", job.ModelId, [], []));
        Assert.True(await WaitAsync(async () => (await store.GetAsync(job.JobId, default))!.State == JobState.Completed), "the job never completed");

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var metricsUri = new Uri(MetricsEndpoint.Path, UriKind.Relative);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(metricsUri)).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, metricsUri) { Headers = { { "X-Api-Key", "not-the-key" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);

        string text = "";
        IReadOnlyList<PrometheusSample> samples = [];
        IReadOnlyDictionary<JobState, int> table = new Dictionary<JobState, int>();
        // Jobs by state are sampled from the table every 5 s; the gauge must show the table, state by state, with the
        // job completed above in it. Under load the archive may store the series slowly enough for the 2 s quiet period
        // to pass mid-upload: the full series is then dispatched again and its job supersedes the completed one, as
        // it should — so the completed job counts as Completed or, once replaced, as Superseded.
        Assert.True(await WaitAsync(async () =>
        {
            table = await store.CountByStateAsync(default);
            using var scrape = new HttpRequestMessage(HttpMethod.Get, metricsUri) { Headers = { { "Authorization", "ApiKey " + ApiKey } } };
            using var response = await http.SendAsync(scrape);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            samples = PrometheusText.Parse(text);
            return table[JobState.Completed] + table[JobState.Superseded] >= 1
                && table.All(state => JobsGauge(samples, state.Key) == state.Value);
        }), $"jobs by state never showed the table ({string.Join(", ", table.Select(s => $"{s.Key} {s.Value}"))}); the adapter's samples:\n"
            + string.Join('\n', text.Split('\n').Where(line => line.StartsWith("mosmos_adapter_jobs", StringComparison.Ordinal)))
            + "\nthe scrape's metric families: " + string.Join(' ', samples.Select(s => s.Name.Split('_')[0]).Distinct(StringComparer.Ordinal)));

        Assert.True(Value(samples, "mosmos_adapter_jobs_dispatched_total") >= 1);
        Assert.Equal(long.Parse(TestStudies.Today, CultureInfo.InvariantCulture), Value(samples, "mosmos_adapter_cursor"));
        Assert.Contains(samples, s => s.Name == "mosmos_adapter_cursor_lag");
        Assert.Equal(1, Value(samples, "mosmos_adapter_jobs_queue_latency_seconds_count"));
        var endToEnd = Assert.Single(samples, s => s.Name == "mosmos_adapter_jobs_end_to_end_latency_seconds_count");
        Assert.Equal(("completed", 1.0), (endToEnd.Label("outcome"), endToEnd.Value));
        Assert.Contains(samples, s => s.Name == "mosmos_adapter_jobs_end_to_end_latency_seconds_bucket" && s.Label("le") == "3600");
        foreach (var secret in new[] { study, series, job.IdempotencyKey, job.JobId.ToString(), "MOSMOS-ADAPTER-TEST", "Adapter^Test", ApiKey, orthanc.Password })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        await app.StopAsync();
    }

    public void Dispose()
    {
        foreach (var f in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(f);
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name) => Assert.Single(samples, s => s.Name == name).Value;

    private static double? JobsGauge(IReadOnlyList<PrometheusSample> samples, JobState state) =>
        samples.SingleOrDefault(s => s.Name == "mosmos_adapter_jobs" && s.Label("state") == state.ToString())?.Value;

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(250);
        }
        return await condition();
    }
}
