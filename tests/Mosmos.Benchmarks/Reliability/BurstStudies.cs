using System.Diagnostics;
using Mosmos.Adapter.Jobs;
using Mosmos.Dicom.Web;
using Mosmos.Phantom;
using Mosmos.Phantom.Output;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>One study of the run: its phantom CT series (+ report SR) on disk, and when its STOW-RS finished.</summary>
internal sealed record BenchStudy(int Index, string StudyInstanceUid, string CtSeriesInstanceUid, string ReportSrInstanceUid,
    IReadOnlyList<string> Files, bool Poison)
{
    public DateTimeOffset StoredAt { get; set; }

    /// <summary>This study's jobs among <paramref name="jobs"/>.</summary>
    public IEnumerable<JobRecord> JobsIn(IEnumerable<JobRecord> jobs) => jobs.Where(j => j.StudyInstanceUid == StudyInstanceUid);
}

/// <summary>
/// The burst: N phantom studies (CT series + report SR, as the demo uploads them) generated with
/// <see cref="PhantomBatch"/> before anything is timed, and one poison study (<see cref="PoisonSeries"/>) placed in the
/// middle of the upload order, so that studies stored after it show whether the queue moved on.
/// </summary>
internal static class BurstStudies
{
    public static IReadOnlyList<BenchStudy> Generate(ReliabilityOptions options)
    {
        var folder = Path.Combine(options.Work, "studies");
        var studies = new List<BenchStudy>();
        PhantomBatch.Run(folder, ReliabilityOptions.Seed, options.Studies, options.Size, new StudyOutputs(Dataset: false),
            (study, studyFolder) => studies.Add(Describe(studies.Count, study, studyFolder, poison: false)));
        PhantomBatch.Run(Path.Combine(options.Work, "poison"), ReliabilityOptions.Seed + 10_000, 1, options.Size, new StudyOutputs(Dataset: false),
            (study, studyFolder) =>
            {
                PoisonSeries.MakeUndecodable(Directory.GetFiles(Path.Combine(studyFolder, "ct")));
                studies.Insert(options.Studies / 2, Describe(-1, study, studyFolder, poison: true));
            });
        return studies;
    }

    /// <summary>
    /// STOW-RS of every study in order, two requests at a time (one study a request); each study's
    /// <see cref="BenchStudy.StoredAt"/> is when its request was answered. Returns the seconds the whole burst took.
    /// </summary>
    public static async Task<double> StoreAsync(DicomWebClient dicomWeb, IReadOnlyList<BenchStudy> studies)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(studies, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (study, ct) =>
        {
            (await dicomWeb.StoreFilesAsync(study.Files, study.StudyInstanceUid, ct)).EnsureSuccess();
            study.StoredAt = DateTimeOffset.UtcNow;
        });
        return clock.Elapsed.TotalSeconds;
    }

    private static BenchStudy Describe(int index, PhantomStudy study, string folder, bool poison)
    {
        var files = Directory.GetFiles(Path.Combine(folder, "ct")).Concat(Directory.GetFiles(Path.Combine(folder, "sr")))
            .Order(StringComparer.Ordinal).ToList();
        return new BenchStudy(index, study.Identity.StudyInstanceUid, study.Identity.CtSeriesInstanceUid, study.Identity.SrInstanceUid, files, poison);
    }
}
