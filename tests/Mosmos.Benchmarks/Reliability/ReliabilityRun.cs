using Mosmos.Adapter.Jobs;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>What one run observed, filled in phase by phase; <see cref="ReliabilityChecks"/> judges it, <see cref="ReliabilityReport"/> writes it.</summary>
internal sealed class ReliabilityRun
{
    public required ReliabilityOptions Options { get; init; }
    public required string Machine { get; init; }

    /// <summary>Every study in upload order, the poison study among them.</summary>
    public required IReadOnlyList<BenchStudy> Studies { get; init; }

    public DateTimeOffset BurstStart { get; set; }
    public double StoreSeconds { get; set; }
    public OrthancRestart? Restart { get; set; }

    /// <summary>Every study got its job and none was left pending, queued or running before the timeout.</summary>
    public bool Settled { get; set; }

    /// <summary>The job table (through the job API) once the burst settled, before the repeats.</summary>
    public List<JobRecord> AfterBurst { get; set; } = [];

    public DuplicateRun? Duplicates { get; set; }

    /// <summary>The job table at the end.</summary>
    public List<JobRecord> Final { get; set; } = [];

    /// <summary>Per StudyInstanceUID: its SEG instances and its SR instances other than the report, by QIDO-RS at the end.</summary>
    public Dictionary<string, (List<string> Seg, List<string> Sr)> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Per StudyInstanceUID: the StableStudy changes Orthanc announced for it during the whole run.</summary>
    public Dictionary<string, int> StableStudyChanges { get; set; } = new(StringComparer.Ordinal);

    public bool WorkersAlive { get; set; }

    /// <summary>Jobs each worker completed (its log event 3101), attempts after a failure included.</summary>
    public IReadOnlyList<int> CompletedPerWorker { get; set; } = [];

    public BenchStudy Poison => Studies.Single(s => s.Poison);

    public IEnumerable<BenchStudy> Healthy => Studies.Where(s => !s.Poison);
}

/// <summary>Orthanc stopped at <paramref name="StoppedAt"/> and answering again after <paramref name="Down"/>; the jobs in flight then.</summary>
internal sealed record OrthancRestart(DateTimeOffset StoppedAt, TimeSpan Down, IReadOnlyList<Guid> InFlight, int Running, int NotYetDispatched);

/// <summary>
/// The repeats: <paramref name="Resent"/> stored again (Orthanc <paramref name="Announced"/> it stable again, the adapter
/// <paramref name="Handled"/> that change), and the StableStudy dispatch of <paramref name="Repeated"/> asked for again,
/// which <paramref name="Published"/> jobs.
/// </summary>
internal sealed record DuplicateRun(BenchStudy Resent, BenchStudy Repeated, bool Announced, bool Handled, int Published, bool Settled);
