using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Api;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Selection;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.Phantom;
using Mosmos.Phantom.Output;

namespace Mosmos.Demo;

/// <summary>
/// One demo run against the started host: generate the phantom studies and upload each (CT + report SR) by STOW-RS
/// as soon as it is written, wait on the job API for each study's job, read the stored SEG back by DICOMweb,
/// and hand the outcomes to <see cref="DemoReport"/>. Exit code 0 when every study got its SEG and SR.
/// </summary>
internal sealed class DemoRun(WebApplication app, DemoOptions options, TextWriter output)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>No job this long after the upload (Orthanc's stable age is seconds): ask the rules why.</summary>
    private static readonly TimeSpan NoJobYet = TimeSpan.FromSeconds(30);

    /// <summary>Starts the host, runs the demo, keeps the host up until Ctrl-C with <c>--keep</c>, stops it.</summary>
    public static async Task<int> HostAsync(WebApplication app, DemoOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OptionsValidationException)
        {
            output.WriteLine($"Adapter and worker did not start: {e.Message}");
            return 1;
        }
        int exit = await new DemoRun(app, options, output).RunAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        if (exit == 0 && options.Keep)
        {
            output.WriteLine("Adapter and worker keep running (Ctrl-C stops them): studies sent to this Orthanc are segmented as they arrive.");
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }
        await app.StopAsync().ConfigureAwait(false);
        return exit;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var services = app.Services;
        var orthanc = services.GetRequiredService<IOptions<OrthancSourceOptions>>().Value;
        var source = services.GetRequiredService<IOptions<JobsOptions>>().Value.Sources[orthanc.Name];
        var models = CheckModels(services);
        if (models is null) return 1;
        using var dicomWeb = new DicomWebClient(source);
        using var api = JobApiClient.Create(DemoHost.ApiRoot(app.Configuration), services.GetRequiredService<IOptions<ApiOptions>>().Value.ResolveKeys()[0]);

        output.WriteLine($"Generating {options.Count} phantom stud{(options.Count == 1 ? "y" : "ies")} of {options.Size.Matrix}×{options.Size.Matrix}×{options.Size.Slices} voxels into {options.Output}");
        var uploads = Channel.CreateUnbounded<StudyUpload>();
        var producer = Task.Run(() => GenerateAndUpload(dicomWeb, uploads.Writer, cancellationToken), cancellationToken);
        var outcomes = new List<StudyOutcome>();
        await foreach (var upload in uploads.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            DemoReport.Uploaded(output, outcomes.Count + 1, options.Count, upload);
            var outcome = await WaitForResultAsync(upload, api, dicomWeb, models, cancellationToken).ConfigureAwait(false);
            DemoReport.StudyLine(output, outcomes.Count + 1, options.Count, outcome);
            outcomes.Add(outcome);
        }
        await producer.ConfigureAwait(false);
        DemoReport.DiceTable(output, models.Organs, outcomes);
        DemoReport.Links(output, orthanc, source, DemoHost.ApiRoot(app.Configuration), options.ViewerUrl, outcomes);
        return outcomes.All(o => o.Failure is null) ? 0 : 1;
    }

    private void GenerateAndUpload(DicomWebClient dicomWeb, ChannelWriter<StudyUpload> uploads, CancellationToken cancellationToken)
    {
        try
        {
            PhantomBatch.Run(options.Output, options.Seed, options.Count, options.Size, StudyOutputs.Default with { Dataset = false }, (study, folder) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var files = Directory.GetFiles(Path.Combine(folder, "ct")).Concat(Directory.GetFiles(Path.Combine(folder, "sr"))).Order(StringComparer.Ordinal).ToList();
                var clock = Stopwatch.StartNew();
                dicomWeb.StoreFilesAsync(files, study.Identity.StudyInstanceUid, cancellationToken).GetAwaiter().GetResult().EnsureSuccess();
                uploads.TryWrite(new StudyUpload(study, folder, DateTimeOffset.UtcNow, files.Count, clock.Elapsed));
            });
            uploads.Complete();
        }
        catch (Exception e)
        {
            uploads.Complete(e);
            throw;
        }
    }

    private async Task<StudyOutcome> WaitForResultAsync(StudyUpload upload, JobApiClient api, IDicomWebClient dicomWeb, DemoModels models,
        CancellationToken cancellationToken)
    {
        var studyUid = upload.Study.Identity.StudyInstanceUid;
        var deadline = upload.UploadedAt + options.Timeout;
        var checkRulesAt = upload.UploadedAt + NoJobYet;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var jobs = await api.JobsOfStudyAsync(studyUid, cancellationToken).ConfigureAwait(false);
            if (jobs.Count == 0 && DateTimeOffset.UtcNow > checkRulesAt)
            {
                checkRulesAt = deadline;
                if (await NotSelectedAsync(api, studyUid, cancellationToken).ConfigureAwait(false) is { } why)
                    return new StudyOutcome(upload, null, null, why);
            }
            var job = jobs.FirstOrDefault(j => j.State is JobState.Completed or JobState.Failed);
            if (job is { State: JobState.Failed })
                return new StudyOutcome(upload, job, null, $"job failed ({job.Reason}): {job.Message}");
            if (job is not null)
                return await ReadBackAsync(upload, job, dicomWeb, models, cancellationToken).ConfigureAwait(false);
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
        return new StudyOutcome(upload, null, null, $"no SEG + SR within {options.Timeout.TotalSeconds:0} s of the upload");
    }

    /// <summary>Why no series of the study is segmented by the adapter's rules, or null when one is.</summary>
    private static async Task<string?> NotSelectedAsync(JobApiClient api, string studyUid, CancellationToken cancellationToken)
    {
        var rules = await api.RulesAsync(studyUid, cancellationToken).ConfigureAwait(false);
        return rules is null || rules.Series.Count == 0 || rules.Series.Any(s => s.Selected) ? null
            : "the selection rules take no series of this study: " + string.Join("; ", rules.Series.SelectMany(s => s.Rejections));
    }

    private static async Task<StudyOutcome> ReadBackAsync(StudyUpload upload, JobRecord job, IDicomWebClient dicomWeb, DemoModels models,
        CancellationToken cancellationToken)
    {
        var study = upload.Study.Identity.StudyInstanceUid;
        var seg = await StoredInstance.FindAsync(dicomWeb, study, job.SegSopInstanceUid, cancellationToken).ConfigureAwait(false);
        var sr = await StoredInstance.FindAsync(dicomWeb, study, job.SrSopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (seg is null || sr is null)
            return new StudyOutcome(upload, job, null, $"the job completed but Orthanc has no {(seg is null ? "SEG" : "SR")} {(seg is null ? job.SegSopInstanceUid : job.SrSopInstanceUid)}");
        var segmentation = await StoredInstance.ReadSegmentationAsync(dicomWeb, seg, cancellationToken).ConfigureAwait(false);
        var dice = SegmentationDice.Compute(upload.Study, Path.Combine(upload.Folder, "ct"), segmentation, models.Organs);
        return new StudyOutcome(upload, job, dice, null);
    }

    /// <summary>The models the selection rules name, each loaded; null (after saying which is missing) otherwise.</summary>
    private DemoModels? CheckModels(IServiceProvider services)
    {
        var registry = services.GetRequiredService<ModelRegistry>();
        var wanted = services.GetRequiredService<IOptions<SelectionOptions>>().Value.Rules.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var loaded = registry.Models.ToList();
        var missing = wanted.Where(m => !loaded.Any(l => m == l.Name || m == $"{l.Name}@{l.Version}")).ToList();
        if (missing.Count > 0 || loaded.Count == 0)
        {
            output.WriteLine($"The selection rules name model(s) {string.Join(", ", missing)}, but {(loaded.Count == 0 ? "no model is loaded" : "only " + string.Join(", ", loaded.Select(l => $"{l.Name}@{l.Version}")) + " is loaded")} " +
                $"from {app.Configuration["ModelServer:RegistryPath"]}; see the log for models that were refused.");
            return null;
        }
        var model = loaded.First(l => wanted.Contains(l.Name) || wanted.Contains($"{l.Name}@{l.Version}"));
        output.WriteLine($"Model {model.Name} {model.Version} ({model.Provider}) from {model.File}");
        return new DemoModels(model.Name, model.Version, [.. model.Card.Labels.OrderBy(l => l.Key).Select(l => l.Value)]);
    }
}

internal sealed record DemoModels(string Name, string Version, IReadOnlyList<string> Organs);

internal sealed record StudyUpload(PhantomStudy Study, string Folder, DateTimeOffset UploadedAt, int Instances, TimeSpan UploadTime);

internal sealed record StudyOutcome(StudyUpload Upload, JobRecord? Job, IReadOnlyDictionary<string, double>? Dice, string? Failure);
