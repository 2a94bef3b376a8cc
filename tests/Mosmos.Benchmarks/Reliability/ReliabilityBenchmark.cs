using System.Diagnostics;
using System.Globalization;
using Mosmos.Adapter.Jobs;
using Mosmos.Dicom.Web;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// <c>./mosmos bench reliability</c> (issue 8, "Reliability suite"): the adapter and two workers as their own processes
/// on a real Orthanc and RabbitMQ. A burst of phantom studies with one poison study among them; Orthanc restarted while
/// jobs are in flight; then a study re-sent and a StableStudy dispatch repeated. Every outcome is read where a user
/// would read it: the job API and the archive (QIDO-RS, change feed). Writes the "Reliability" section of
/// docs/benchmarks.md; exit code 1 when any check fails.
/// </summary>
internal static class ReliabilityBenchmark
{
    public const string Section = "Reliability";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(ReliabilityOptions options)
    {
        string machine = Machine.Describe();
        if (Directory.Exists(options.Work)) Directory.Delete(options.Work, recursive: true);
        Directory.CreateDirectory(options.Work);
        var clock = Stopwatch.StartNew();
        var studies = BurstStudies.Generate(options);
        Log($"{options.Studies} phantom studies of {options.Size.Matrix}×{options.Size.Matrix}×{options.Size.Slices} and the poison study generated in {clock.Elapsed.TotalSeconds:0.0} s");

        var run = new ReliabilityRun { Options = options, Machine = machine, Studies = studies };
        var deadline = DateTime.UtcNow + options.Timeout;
        await using (var stack = await ReliabilityStack.StartAsync(options))
        {
            Log($"adapter on {stack.Adapter.Url}, workers on {string.Join(", ", options.WorkerPorts)}: ready");
            using var dicomWeb = new DicomWebClient(new DicomWebClientOptions
            {
                BaseUrl = stack.Orthanc.DicomWebUrl, Username = stack.Orthanc.User, Password = stack.Orthanc.Password, Timeout = TimeSpan.FromMinutes(5),
            });
            using var rest = stack.Orthanc.CreateClient();
            using var api = new AdapterApi(stack.Adapter.Url, stack.ApiKey);
            var archive = new Archive(dicomWeb, rest);

            run.BurstStart = DateTimeOffset.UtcNow;
            run.StoreSeconds = await BurstStudies.StoreAsync(dicomWeb, studies);
            Log($"{studies.Count} studies stored in {run.StoreSeconds:0.0} s");
            run.Restart = await RestartWhileInFlightAsync(stack, api, options, studies.Count, deadline);
            run.Settled = await SettleAsync(api, studies.Count, deadline);
            run.AfterBurst = await api.ListAsync();
            Log($"burst settled: {run.Settled}; {string.Join(", ", run.AfterBurst.GroupBy(j => j.State).Select(g => $"{g.Count()} {g.Key}"))}");

            run.Duplicates = await RepeatAsync(api, archive, dicomWeb, studies, deadline);
            run.Final = await api.ListAsync();
            foreach (var study in studies)
                run.Results[study.StudyInstanceUid] = await archive.ResultsAsync(study);
            run.StableStudyChanges = await archive.StableStudyChangesAsync(studies);
            run.WorkersAlive = stack.WorkersAlive;
            run.CompletedPerWorker = [.. stack.Workers.Select(w => w.Lines.Count(l => l.Contains(" completed: SEG ", StringComparison.Ordinal)))];
        }

        var checks = ReliabilityChecks.Evaluate(run);
        var body = ReliabilityReport.Write(run, checks);
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), Section, body);
        return checks.All(c => c.Passed) ? 0 : 1;
    }

    /// <summary>
    /// Waits until a job runs on a worker and a fifth of the studies are done (so that jobs are queued, running and
    /// finished at once), notes what is in flight, and restarts Orthanc. Null when the moment never came.
    /// </summary>
    private static async Task<OrthancRestart?> RestartWhileInFlightAsync(ReliabilityStack stack, AdapterApi api, ReliabilityOptions options,
        int studies, DateTime deadline)
    {
        int finished = Math.Max(1, (int)Math.Ceiling(options.Studies / 5.0));
        while (DateTime.UtcNow < deadline)
        {
            var counts = await api.CountsAsync();
            if (counts[JobState.Running] >= 1 && counts[JobState.Completed] >= finished)
            {
                var jobs = await api.ListAsync();
                var inFlight = jobs.Where(j => j.State is JobState.Pending or JobState.Queued or JobState.Running).ToList();
                var at = DateTimeOffset.UtcNow;
                Log($"stopping Orthanc: {inFlight.Count(j => j.State == JobState.Running)} running, {inFlight.Count(j => j.State != JobState.Running)} queued, {studies - jobs.Count} studies without a job yet");
                var down = await stack.RestartOrthancAsync(options.Outage);
                Log($"Orthanc answered again {down.TotalSeconds:0.0} s after the stop began");
                return new OrthancRestart(at, down, [.. inFlight.Select(j => j.JobId)], inFlight.Count(j => j.State == JobState.Running), studies - jobs.Count);
            }
            if (counts[JobState.Completed] + counts[JobState.Failed] >= studies) return null;
            await Task.Delay(Poll);
        }
        return null;
    }

    /// <summary>Waits until every study has its job and no job is pending, queued or running.</summary>
    private static async Task<bool> SettleAsync(AdapterApi api, int studies, DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            var counts = await api.CountsAsync();
            if (counts.Values.Sum() >= studies && counts[JobState.Pending] + counts[JobState.Queued] + counts[JobState.Running] == 0) return true;
            await Task.Delay(Poll);
        }
        return false;
    }

    /// <summary>
    /// The first study sent again, instance for instance, once its SEG and SR are in: Orthanc overwrites the instances and
    /// announces the study stable again, and the adapter handles that StableStudy. Then the dispatch a StableStudy change
    /// triggers is asked for the second study through the job API. Both must leave the job table and the archive as they were.
    /// </summary>
    private static async Task<DuplicateRun> RepeatAsync(AdapterApi api, Archive archive, DicomWebClient dicomWeb, IReadOnlyList<BenchStudy> studies,
        DateTime deadline)
    {
        var (resent, repeated) = (studies.First(s => !s.Poison), studies.Where(s => !s.Poison).Skip(1).First());
        long before = await archive.LastChangeAsync();
        (await dicomWeb.StoreFilesAsync(resent.Files, resent.StudyInstanceUid)).EnsureSuccess();
        var announced = await WaitAsync(async () => (await archive.StableStudyChangesAsync([resent], before))[resent.StudyInstanceUid] > 0);
        long after = await archive.LastChangeAsync();
        var handled = announced && await WaitAsync(async () => await api.CursorAsync() >= after);
        Log($"re-sent study: StableStudy announced again {announced}, adapter cursor past it {handled}");
        int published = await api.DispatchAsync(repeated.StudyInstanceUid);
        Log($"dispatch repeated for a second study: {published} job(s) published");
        // A job published by mistake would be queued or running now; give it the time a job takes, then settle.
        await Task.Delay(TimeSpan.FromSeconds(5));
        bool settled = await SettleAsync(api, studies.Count, deadline);
        return new DuplicateRun(resent, repeated, announced, handled, published, settled);
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(Poll);
        }
        return false;
    }

    internal static void Log(FormattableString line) => Console.Error.WriteLine("bench reliability: " + line.ToString(CultureInfo.InvariantCulture));
}
