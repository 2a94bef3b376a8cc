using Mosmos.Datasets;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;

namespace Mosmos.Trainer.Harvest;

/// <summary>
/// Harvests training cases from a DICOMweb archive (issue 5): every CT series that a SEG references (labels,
/// read onto the series' own grid) and/or whose study has a report (a narrative SR in the study, or a line of the
/// reports file) becomes a dataset case — int16 HU, uint8 labels in the organ catalog's values, report text,
/// UIDs and source. Cases already in the dataset are skipped after a quick integrity check (damaged ones are
/// dropped and fetched again); everything skipped is recorded in the <see cref="HarvestSummary"/> with its reason.
/// </summary>
public sealed partial class Harvester
{
    private readonly IDicomWebClient _client;
    private readonly HarvestOptions _options;
    private readonly ReportTable _reports;
    private readonly IProgress<HarvestProgress>? _progress;

    public Harvester(IDicomWebClient client, HarvestOptions options, IProgress<HarvestProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _progress = progress;
        _reports = options.ReportsFile is null ? ReportTable.Empty : ReportTable.Load(options.ReportsFile);
    }

    /// <summary>The dataset's label map: every catalog organ at its default label (as the phantom writes it).</summary>
    public static IReadOnlyDictionary<int, string> Labels { get; } = OrganCatalog.All.ToDictionary(o => o.DefaultLabel, o => o.Id);

    /// <summary>The case id of a CT series: <c>ct-</c> + its SeriesInstanceUID (UIDs are digits and dots).</summary>
    public static string CaseId(string seriesInstanceUid) => "ct-" + seriesInstanceUid;

    /// <exception cref="DatasetFormatException">The output folder holds a dataset that cannot be read or has another label map.</exception>
    public async Task<HarvestSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var writer = DatasetWriter.Open(_options.Output, Labels);
        var summary = new HarvestSummary();
        var studies = await ListStudiesAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < studies.Count && !summary.LimitReached; i++)
        {
            _progress?.Report(new HarvestProgress(i, studies.Count, $"study {studies[i].StudyInstanceUid}"));
            await HarvestStudyAsync(studies[i], writer, summary, cancellationToken).ConfigureAwait(false);
            summary.Studies++;
        }
        _progress?.Report(new HarvestProgress(summary.Studies, studies.Count, "done"));
        return summary;
    }

    private async Task<List<ArchiveStudy>> ListStudiesAsync(CancellationToken cancellationToken)
    {
        var query = new QidoQuery().Include(DicomTags.AccessionNumber, DicomTags.StudyDate);
        if (_options.Since is { } since) query.Match(DicomTags.StudyDate, since.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-");
        var studies = new List<ArchiveStudy>();
        await foreach (var s in _client.SearchStudiesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (s.GetString(DicomTags.StudyInstanceUid) is { Length: > 0 } uid)
                studies.Add(new ArchiveStudy(uid, s.GetString(DicomTags.AccessionNumber), s.GetString(DicomTags.StudyDate)));
        }
        return studies;
    }

    private async Task HarvestStudyAsync(ArchiveStudy study, DatasetWriter writer, HarvestSummary summary, CancellationToken cancellationToken)
    {
        var series = await ListSeriesAsync(study, cancellationToken).ConfigureAwait(false);
        var ct = series.Where(s => s.Modality == "CT").ToList();
        if (ct.Count == 0)
        {
            var modalities = series.Count == 0 ? "none" : string.Join(", ", series.Select(s => s.Modality).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            summary.Skip("study", study.StudyInstanceUid, "no CT series", $"study {study.StudyInstanceUid} has no CT series (series modalities: {modalities})");
            return;
        }
        summary.CtSeries += ct.Count;
        var pending = ct.Where(s => !IsCached(writer, s.SeriesInstanceUid, summary)).ToList();
        if (pending.Count == 0) return;

        var segs = await ReadSegsAsync(study, series, ct, summary, cancellationToken).ConfigureAwait(false);
        var report = await FindReportAsync(study, series, summary, cancellationToken).ConfigureAwait(false);
        foreach (var s in pending)
        {
            if (summary.LimitReached) return;
            await HarvestSeriesAsync(study, s, segs, report, writer, summary, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<ArchiveSeries>> ListSeriesAsync(ArchiveStudy study, CancellationToken cancellationToken)
    {
        var list = new List<ArchiveSeries>();
        await foreach (var s in _client.SearchSeriesAsync(study.StudyInstanceUid, new QidoQuery().Include(DicomTags.Modality), cancellationToken).ConfigureAwait(false))
        {
            if (s.GetString(DicomTags.SeriesInstanceUid) is { Length: > 0 } uid)
                list.Add(new ArchiveSeries(uid, s.GetString(DicomTags.Modality) ?? "?"));
        }
        return list;
    }

    /// <summary>True when the series is already a case and its files look intact; a damaged case is dropped to be fetched again.</summary>
    private bool IsCached(DatasetWriter writer, string seriesUid, HarvestSummary summary)
    {
        var cached = writer.Cases.FirstOrDefault(c => c.SeriesInstanceUid == seriesUid || c.Id == CaseId(seriesUid));
        if (cached is null) return false;
        if (CacheCheck.Problem(_options.Output, cached) is not { } problem)
        {
            summary.Cached++;
            return true;
        }
        summary.Skip("cache", cached.Id, "damaged cache entry (fetched again)", $"cached case {cached.Id}: {problem}; it was dropped and is fetched again");
        writer.Remove(cached.Id);
        summary.Refetched++;
        return false;
    }
}
