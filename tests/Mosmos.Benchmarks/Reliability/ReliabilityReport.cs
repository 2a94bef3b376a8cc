using System.Globalization;
using System.Text;
using Mosmos.Adapter.Jobs;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>The "Reliability" section of docs/benchmarks.md: command, machine, set-up, the burst's numbers, the checks.</summary>
internal static class ReliabilityReport
{
    public static string Write(ReliabilityRun run, IReadOnlyList<Check> checks)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(checks);
        var o = run.Options;
        var sb = new StringBuilder();
        void Line(FormattableString text) => sb.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        string model = Path.GetRelativePath(o.Root, o.Model);

        Line($"Command: `./mosmos bench reliability --studies {o.Studies} --size {o.Size.Matrix}x{o.Size.Slices} --outage {o.Outage.TotalSeconds:0}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).");
        sb.AppendLine();
        Line($"Machine: {run.Machine}; after: {Machine.LoadAverage()}.");
        sb.AppendLine();
        Line($"""
            The adapter and two inference workers run as their own processes (Release builds of `Mosmos.Adapter.dll` and
            `Mosmos.InferenceWorker.dll`, configured by `MOSMOS__*` variables only) against an Orthanc and a RabbitMQ started
            for the run (Orthanc StableAge 2 s, adapter polling every 1 s, SQLite job table). Each worker takes one job at a
            time with one ONNX Runtime thread and the model `{model}`; a transient failure gets {ReliabilityStack.ImmediateRetries}
            immediate retries per delivery and redeliveries after {string.Join(", ", ReliabilityStack.RedeliveryDelays.Select(d => d.TotalSeconds + " s"))}
            ({ReliabilityChecks.ConfiguredAttempts} attempts in all). {o.Studies} phantom studies of {o.Size.Matrix} × {o.Size.Matrix} × {o.Size.Slices}
            (CT series + report SR, as `./mosmos demo` uploads them) and one poison study — the same kind of CT series with
            each slice's pixel data an encapsulated JPEG Lossless stream that holds no image — are stored by STOW-RS in one
            burst, the poison study in the middle. When a job is running and a fifth of the studies are done, Orthanc is
            stopped, kept down {o.Outage.TotalSeconds:0} s and started again on the same storage. Once every job has ended,
            the first study is stored again, instance for instance, and the StableStudy dispatch of the second is requested
            again through the job API (`POST /api/studies/{"{uid}"}/dispatch`). Jobs are read from the job API, results from the
            archive by QIDO-RS, StableStudy events from Orthanc's change feed.
            """);
        sb.AppendLine();

        var done = run.Healthy.Select(s => (Study: s, Job: s.JobsIn(run.AfterBurst).FirstOrDefault(j => j.State == JobState.Completed)))
            .Where(x => x.Job?.FinishedAt is not null).ToList();
        if (done.Count > 0)
        {
            var latency = done.Select(x => (x.Job!.FinishedAt!.Value - x.Study.StoredAt).TotalSeconds).Order().ToList();
            double span = (done.Max(x => x.Job!.FinishedAt!.Value) - run.BurstStart).TotalSeconds;
            sb.AppendLine("| burst | studies | stored in s | all done after s | throughput studies/h | latency p50 s | p90 s | p95 s | max s |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            Line($"| 2 workers, Orthanc restarted once | {done.Count} | {run.StoreSeconds:0.0} | {span:0.0} | {done.Count / span * 3600:0} | {P(latency, 0.5):0.0} | {P(latency, 0.9):0.0} | {P(latency, 0.95):0.0} | {latency[^1]:0.0} |");
            sb.AppendLine();
            var dispatch = done.Where(x => x.Job!.QueuedAt is not null).Select(x => (x.Job!.QueuedAt!.Value - x.Study.StoredAt).TotalSeconds).Order().ToList();
            var waiting = done.Where(x => x.Job!.QueuedAt is not null && x.Job.StartedAt is not null).Select(x => (x.Job!.StartedAt!.Value - x.Job.QueuedAt!.Value).TotalSeconds).Order().ToList();
            var working = done.Where(x => x.Job!.StartedAt is not null).Select(x => (x.Job!.FinishedAt!.Value - x.Job.StartedAt!.Value).TotalSeconds).Order().ToList();
            Line($"Latency is from a study's STOW-RS answered to its job completed in the job table (SEG and SR stored). Medians of its parts: stored → job queued {P(dispatch, 0.5):0.0} s (StableAge, the poll, the examination), queued → first attempt started {P(waiting, 0.5):0.0} s (waiting for a free worker: the burst queues), first attempt started → completed {P(working, 0.5):0.0} s (fastest {working.FirstOrDefault():0.0} s). Throughput counts from the first STOW-RS to the last study done, the restart included.");
            sb.AppendLine();
        }
        var attempts = run.Final.GroupBy(j => j.Attempts).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} attempt(s): {g.Count()} job(s)"));
        Line($"Attempts per job (job API): {string.Join("; ", attempts)}. Jobs completed per worker: {string.Join(" and ", run.CompletedPerWorker)}.");
        if (run.StableStudyChanges.Count > 0)
        {
            var counts = run.StableStudyChanges.Values.Order().ToList();
            Line($"StableStudy events in Orthanc's change feed, each one examined by the adapter: {counts.Sum()} for {counts.Count} studies ({counts[0]}–{counts[^1]} a study: its arrival, and again after its SEG + SR and after the re-send made it unstable; fewer for stores around Orthanc's restart), against {run.Final.Count} jobs in the job table.");
        }
        sb.AppendLine();
        sb.AppendLine("| check | result | evidence |");
        sb.AppendLine("|---|---|---|");
        foreach (var check in checks)
            Line($"| {check.Name} | {(check.Passed ? "pass" : "**FAIL**")} | {check.Evidence.Replace("|", "\\|", StringComparison.Ordinal)} |");
        return sb.ToString();
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double P(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
