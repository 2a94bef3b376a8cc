using System.Globalization;
using Mosmos.Adapter.Changes;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Demo;

/// <summary>What the demo prints: a line per study with its timings, the Dice table, the links to open. No patient data.</summary>
internal static class DemoReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Uploaded(TextWriter output, int number, int count, StudyUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        output.WriteLine(string.Create(Invariant,
            $"Study {number}/{count} (seed {upload.Study.Seed}): {upload.Instances} instances (CT + report) uploaded in {upload.UploadTime.TotalSeconds:0.0} s; waiting for its SEG + SR"));
    }

    public static void StudyLine(TextWriter output, int number, int count, StudyOutcome outcome)
    {
        var u = outcome.Upload;
        var head = string.Create(Invariant, $"Study {number}/{count} (seed {u.Study.Seed}, {u.Instances} instances uploaded in {u.UploadTime.TotalSeconds:0.0} s)");
        if (outcome.Failure is not null || outcome.Job is not { FinishedAt: { } finished } job)
        {
            output.WriteLine($"{head}: FAILED, {outcome.Failure}");
            return;
        }
        double Seconds(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? (t - f).TotalSeconds : double.NaN;
        output.WriteLine(string.Create(Invariant,
            $"{head}: SEG + SR stored {Seconds(u.UploadedAt, finished):0.0} s after upload " +
            $"(stable study + change feed {Seconds(u.UploadedAt, job.CreatedAt):0.0} s, queued {Seconds(job.QueuedAt, job.StartedAt):0.0} s, " +
            $"worker {Seconds(job.StartedAt, finished):0.0} s, attempts {job.Attempts})"));
        output.WriteLine($"    study {u.Study.Identity.StudyInstanceUid}: SEG {job.SegSopInstanceUid}, SR {job.SrSopInstanceUid}");
    }

    /// <summary>Organs as rows, studies as columns, then the mean over studies; "—" where the organ is in neither truth nor SEG.</summary>
    public static void DiceTable(TextWriter output, IReadOnlyList<string> organs, IReadOnlyList<StudyOutcome> outcomes)
    {
        var scored = outcomes.Where(o => o.Dice is not null).ToList();
        if (scored.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Dice of the stored SEG against the phantom's ground truth:");
        var header = string.Concat(scored.Select(o => string.Create(Invariant, $"  seed {o.Upload.Study.Seed,-4}"))) + "   mean";
        output.WriteLine($"  {"organ",-24}{header}");
        var means = new List<double>();
        foreach (var id in organs)
        {
            var values = scored.Select(o => o.Dice![id]).ToList();
            var defined = values.Where(v => !double.IsNaN(v)).ToList();
            var mean = defined.Count == 0 ? double.NaN : defined.Average();
            if (!double.IsNaN(mean)) means.Add(mean);
            var name = OrganCatalog.TryGet(id, out var organ) ? organ.DisplayName : id;
            output.WriteLine($"  {name,-24}{string.Concat(values.Select(v => $"  {Cell(v),-9}"))}  {Cell(mean)}");
        }
        output.WriteLine(string.Create(Invariant, $"  {"mean over organs",-24}{new string(' ', 11 * scored.Count)}  {Cell(means.Count == 0 ? double.NaN : means.Average())}"));
    }

    public static void Links(TextWriter output, OrthancSourceOptions orthanc, DicomWebClientOptions dicomWeb, Uri apiRoot, Uri? viewer,
        IReadOnlyList<StudyOutcome> outcomes)
    {
        output.WriteLine();
        output.WriteLine($"Orthanc explorer  {new Uri(orthanc.Url!, "app/explorer.html")}  (user {orthanc.User})");
        output.WriteLine($"DICOMweb          {dicomWeb.BaseUrl}");
        output.WriteLine($"job API           {new Uri(apiRoot, "api/jobs")}  (header X-Api-Key)");
        if (viewer is null) return;
        foreach (var o in outcomes)
            output.WriteLine($"OHIF, seed {o.Upload.Study.Seed,-6}  {new Uri(viewer, "viewer?StudyInstanceUIDs=" + o.Upload.Study.Identity.StudyInstanceUid)}");
    }

    private static string Cell(double value) => double.IsNaN(value) ? "—" : value.ToString("0.000", Invariant);
}
