using System.Globalization;
using Mosmos.Adapter.Jobs;
using Mosmos.Contracts;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>One pass/fail line of the report, with what it was judged on.</summary>
internal sealed record Check(string Name, bool Passed, string Evidence);

/// <summary>The four checks of the issue, judged on the job API and the archive as the run left them.</summary>
internal static class ReliabilityChecks
{
    /// <summary>Deliveries a transient failure gets: (1 + immediate retries) per delivery, the first and one per redelivery delay.</summary>
    public static int ConfiguredAttempts => (1 + ReliabilityStack.ImmediateRetries) * (1 + ReliabilityStack.RedeliveryDelays.Length);

    public static IReadOnlyList<Check> Evaluate(ReliabilityRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [Burst(run), Duplicates(run), Restart(run), Poison(run)];
    }

    private static Check Burst(ReliabilityRun run)
    {
        int completed = run.Healthy.Count(s => s.JobsIn(run.AfterBurst).Count() == 1 && s.JobsIn(run.AfterBurst).Single().State == JobState.Completed);
        int total = run.Healthy.Count();
        return new("burst: every study completes", run.Settled && completed == total,
            Text($"{completed} of {total} studies completed, one job each{(run.Settled ? "" : $"; not settled within {run.Options.Timeout.TotalSeconds:0} s")}"));
    }

    private static Check Duplicates(ReliabilityRun run)
    {
        var bad = new List<string>();
        foreach (var study in run.Healthy)
        {
            var jobs = study.JobsIn(run.Final).ToList();
            var (seg, sr) = run.Results[study.StudyInstanceUid];
            if (jobs.Count != 1) bad.Add(Text($"study {study.Index}: {jobs.Count} jobs"));
            else if (jobs[0].State != JobState.Completed) bad.Add(Text($"study {study.Index}: job {jobs[0].State}"));
            else if (!seg.SequenceEqual([jobs[0].SegSopInstanceUid!]) || !sr.SequenceEqual([jobs[0].SrSopInstanceUid!]))
                bad.Add(Text($"study {study.Index}: {seg.Count} SEG, {sr.Count} SR"));
        }
        var d = run.Duplicates;
        var resentBefore = d is null ? null : d.Resent.JobsIn(run.AfterBurst).SingleOrDefault()?.JobId;
        var resentAfter = d is null ? null : d.Resent.JobsIn(run.Final).SingleOrDefault()?.JobId;
        bool repeats = d is { Announced: true, Handled: true, Published: 0, Settled: true } && resentBefore is not null && resentBefore == resentAfter;
        bool rows = run.Final.Count == run.Studies.Count;
        int healthy = run.Healthy.Count();
        return new("duplicates: one SEG + one SR per series and model version", bad.Count == 0 && repeats && rows,
            Text($"{healthy - bad.Count} of {healthy} studies hold exactly one SEG and one SR, the job's UIDs{(bad.Count > 0 ? " (not: " + string.Join("; ", bad.Take(5)) + ")" : "")}; ") +
            (d is null ? "the repeats did not run" : Text(
                $"re-sent study: StableStudy announced again {Yes(d.Announced)}, handled by the adapter {Yes(d.Handled)}, same job before and after {Yes(resentBefore is not null && resentBefore == resentAfter)}; repeated StableStudy dispatch published {d.Published} job(s)")) +
            Text($"; job table {run.Final.Count} rows for {run.Studies.Count} series"));
    }

    private static Check Restart(ReliabilityRun run)
    {
        if (run.Restart is not { } r)
            return new("Orthanc restarted mid-job: every job completes", false, "no moment with a job running and a fifth of the studies done: Orthanc was not restarted");
        var poison = run.Poison.JobsIn(run.Final).Select(j => j.JobId).ToHashSet();
        var inFlight = run.Final.Where(j => r.InFlight.Contains(j.JobId) && !poison.Contains(j.JobId)).ToList();
        int completed = inFlight.Count(j => j.State == JobState.Completed);
        var retried = run.Final.Where(j => j.Attempts > 1).ToList();
        bool passed = r.Running >= 1 && completed == inFlight.Count && inFlight.Count == r.InFlight.Count(id => !poison.Contains(id)) && run.WorkersAlive;
        return new("Orthanc restarted mid-job: every job completes", passed, Text(
            $"stopped with {r.Running} job(s) running, {r.InFlight.Count - r.Running} queued and {r.NotYetDispatched} studies not yet dispatched; ") + Text(
            $"down for {r.Down.TotalSeconds:0.0} s; {completed} of {inFlight.Count} jobs in flight completed; {retried.Count} job(s) took more than one attempt") +
            (retried.Count > 0 ? Text($" (at most {retried.Max(j => j.Attempts)})") : "") + (run.WorkersAlive ? "; both workers still running" : "; a worker exited"));
    }

    private static Check Poison(ReliabilityRun run)
    {
        var job = run.Poison.JobsIn(run.Final).SingleOrDefault();
        var (seg, sr) = run.Results[run.Poison.StudyInstanceUid];
        int position = run.Studies.ToList().IndexOf(run.Poison);
        var later = run.Studies.Skip(position + 1).ToList();
        int laterCompleted = later.Count(s => s.JobsIn(run.Final).Any(j => j.State == JobState.Completed));
        int finishedAfter = job?.FinishedAt is { } failedAt ? run.Final.Count(j => j.State == JobState.Completed && j.FinishedAt > failedAt) : 0;
        bool passed = job is { State: JobState.Failed, Reason: nameof(FailureReason.Undecodable), Message.Length: > 0 } && job.Attempts <= ConfiguredAttempts
            && seg.Count == 0 && sr.Count == 0 && laterCompleted == later.Count;
        return new("poison study: failed with its reason, queue not blocked", passed, job is null ? "the poison study got no job" : Text(
            $"{job.State} after {job.Attempts} attempt(s) (at most {ConfiguredAttempts} configured), reason {job.Reason ?? "none"}: “{Clip(job.Message)}”; ") + Text(
            $"{seg.Count} SEG, {sr.Count} SR stored for it; {laterCompleted} of {later.Count} studies stored after it completed, {finishedAfter} job(s) finished after it failed"));
    }

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Clip(string? text) => text is null ? "" : text.Length <= 240 ? text : text[..240] + "…";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
