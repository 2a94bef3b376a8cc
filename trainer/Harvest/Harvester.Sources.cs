using System.Net;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Trainer.Harvest;

/// <summary>The label and report sources of a study: its SEG instances and its narrative SR (or the reports file).</summary>
public sealed partial class Harvester
{
    /// <summary>Every readable SEG of the study that references one of its CT series; the others are recorded as skipped.</summary>
    private async Task<List<SegCandidate>> ReadSegsAsync(ArchiveStudy study, List<ArchiveSeries> series, List<ArchiveSeries> ct,
        HarvestSummary summary, CancellationToken cancellationToken)
    {
        var ctUids = ct.Select(s => s.SeriesInstanceUid).ToHashSet(StringComparer.Ordinal);
        var result = new List<SegCandidate>();
        await foreach (var (seriesUid, instance) in InstancesAsync(study, series, "SEG", cancellationToken).ConfigureAwait(false))
        {
            DicomDataset dataset;
            SegCandidate seg;
            try
            {
                dataset = (await _client.RetrieveInstanceAsync(study.StudyInstanceUid, seriesUid, instance,
                    DicomWebTransferSyntax.ExplicitVRLittleEndian, cancellationToken).ConfigureAwait(false)).Dataset;
                seg = SegLabels.Read(dataset);
            }
            catch (DicomFormatException e)
            {
                summary.Skip("SEG", instance, "unreadable SEG", $"SEG {instance} in study {study.StudyInstanceUid} cannot be read: {e.Message}");
                continue;
            }
            catch (DicomWebException e) when (IsRefusal(e))
            {
                summary.Skip("SEG", instance, "not retrievable", $"SEG {instance} in study {study.StudyInstanceUid}: the archive refused it ({e.Message})");
                continue;
            }
            summary.Segmentations++;
            if (SegLabels.IsOwnOutput(dataset))
            {
                summary.Skip("SEG", instance, "MOSMOS's own output", $"SEG {instance} was written by the MOSMOS inference worker; predictions are never training labels");
                continue;
            }
            var referenced = seg.ReferencedSeries.Where(ctUids.Contains).ToList();
            if (referenced.Count == 0)
            {
                var what = seg.ReferencedSeries.Count == 0 ? "no series (no ReferencedSeriesSequence)" : "series " + string.Join(", ", seg.ReferencedSeries);
                summary.Skip("SEG", instance, "references another series",
                    $"SEG {instance} references {what}, which is not a CT series of study {study.StudyInstanceUid}");
                continue;
            }
            result.Add(seg with { ReferencedSeries = referenced });
        }
        return result;
    }

    /// <summary>The study's report: the reports file's line for its accession number, else its newest narrative SR.</summary>
    private async Task<StudyReport?> FindReportAsync(ArchiveStudy study, List<ArchiveSeries> series, HarvestSummary summary, CancellationToken cancellationToken)
    {
        if (_reports.TryGet(study.AccessionNumber, out var text, out int line))
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                summary.Reports++;
                return new StudyReport(text.Trim(), $"{_reports.FilePath} line {line}");
            }
            summary.Skip("report", study.AccessionNumber!, "empty report",
                $"the report for accession number {study.AccessionNumber} ({_reports.FilePath} line {line}) is empty; the study's SRs are not used in its place");
            return null;
        }
        var found = new List<(string Key, StudyReport Report)>();
        await foreach (var (seriesUid, instance) in InstancesAsync(study, series, "SR", cancellationToken).ConfigureAwait(false))
        {
            DicomDataset sr;
            try
            {
                sr = (await _client.RetrieveInstanceAsync(study.StudyInstanceUid, seriesUid, instance, DicomWebTransferSyntax.ExplicitVRLittleEndian,
                    cancellationToken).ConfigureAwait(false)).Dataset;
            }
            catch (DicomFormatException e)
            {
                summary.Skip("report", instance, "unreadable SR", $"SR {instance} in study {study.StudyInstanceUid} cannot be read: {e.Message}");
                continue;
            }
            catch (DicomWebException e) when (IsRefusal(e))
            {
                summary.Skip("report", instance, "not retrievable", $"SR {instance} in study {study.StudyInstanceUid}: the archive refused it ({e.Message})");
                continue;
            }
            var sopClass = sr.GetString(DicomTags.SopClassUid);
            if (!SrReport.IsNarrativeClass(sopClass))
            {
                summary.Skip("report", instance, "not a text SR", $"SR {instance} has SOP class {sopClass}, not Basic Text, Enhanced or Comprehensive SR");
                continue;
            }
            if (SrReport.IsMeasurementReport(sr))
            {
                summary.Skip("report", instance, "measurement report, not a narrative", $"SR {instance} is a TID 1500 measurement report (e.g. MOSMOS's own), not a radiology report");
                continue;
            }
            var body = SrReport.Text(sr);
            if (body.Length == 0)
            {
                summary.Skip("report", instance, "empty report", $"SR {instance} in study {study.StudyInstanceUid} holds no text");
                continue;
            }
            var key = (sr.GetString(DicomTags.ContentDate) ?? "") + (sr.GetString(DicomTags.ContentTime) ?? "");
            found.Add((key, new StudyReport(body, $"SR {instance}")));
        }
        if (found.Count == 0) return null;
        summary.Reports++;
        return found.OrderByDescending(f => f.Key, StringComparer.Ordinal).First().Report;
    }

    /// <summary>
    /// A 4xx answer about one object (gone since the query, not deliverable in Explicit VR LE …) skips that object;
    /// authentication, throttling, timeouts and 5xx (after the client's retries) stop the harvest, which resumes later.
    /// </summary>
    internal static bool IsRefusal(DicomWebException e) =>
        e.StatusCode is { } status && (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>(series, SOP instance) of every instance in the study's series of one modality.</summary>
    private async IAsyncEnumerable<(string Series, string Instance)> InstancesAsync(ArchiveStudy study, List<ArchiveSeries> series, string modality,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var s in series.Where(s => s.Modality == modality))
        {
            await foreach (var i in _client.SearchInstancesAsync(study.StudyInstanceUid, s.SeriesInstanceUid, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (i.GetString(DicomTags.SopInstanceUid) is { Length: > 0 } sop)
                    yield return (s.SeriesInstanceUid, sop);
            }
        }
    }
}
