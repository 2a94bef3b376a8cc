using System.Globalization;
using Mosmos.Datasets;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;

namespace Mosmos.Trainer.Harvest;

/// <summary>One CT series → one case: plan, labels from the newest SEG that fits, pixels, optional resampling, write.</summary>
public sealed partial class Harvester
{
    private async Task HarvestSeriesAsync(ArchiveStudy study, ArchiveSeries series, List<SegCandidate> segs, StudyReport? report,
        DatasetWriter writer, HarvestSummary summary, CancellationToken cancellationToken)
    {
        var uid = series.SeriesInstanceUid;
        var mine = segs.Where(s => s.ReferencedSeries.Contains(uid)).OrderByDescending(s => s.SortKey, StringComparer.Ordinal).ToList();
        if (mine.Count == 0 && report is null)
        {
            summary.Skip("series", uid, "no SEG and no report", $"CT series {uid} of study {study.StudyInstanceUid}: no SEG references it and the study has no report");
            return;
        }
        SeriesLayout layout;
        try
        {
            layout = await SeriesFetcher.PlanAsync(_client, study.StudyInstanceUid, uid, cancellationToken).ConfigureAwait(false);
        }
        catch (SeriesRejectedException e)
        {
            summary.Skip("series", uid, $"not a volume ({e.Reason})", $"CT series {uid} of study {study.StudyInstanceUid}: {e.Message}");
            return;
        }
        catch (DicomWebException e) when (IsRefusal(e))
        {
            summary.Skip("series", uid, "not retrievable", $"CT series {uid} of study {study.StudyInstanceUid}: the archive refused it ({e.Message})");
            return;
        }
        var labels = LabelsFor(mine, layout, summary);
        if (labels is null && report is null)
        {
            summary.Skip("series", uid, "no usable SEG and no report",
                $"CT series {uid} of study {study.StudyInstanceUid}: none of its {mine.Count} SEG(s) fits it (see the SEG lines) and the study has no report");
            return;
        }
        _progress?.Report(new HarvestProgress(summary.Studies, -1, $"fetching series {uid} ({layout.Slices.Count} slices)"));
        Volume<short> image;
        try
        {
            image = await SeriesFetcher.FetchAsync(_client, study.StudyInstanceUid, layout, cancellationToken).ConfigureAwait(false);
        }
        catch (SeriesRejectedException e)
        {
            summary.Skip("series", uid, $"not a volume ({e.Reason})", $"CT series {uid} of study {study.StudyInstanceUid}: {e.Message}");
            return;
        }
        catch (DicomWebException e) when (IsRefusal(e))
        {
            summary.Skip("series", uid, "not retrievable", $"CT series {uid} of study {study.StudyInstanceUid}: the archive refused its frames ({e.Message})");
            return;
        }
        var (grid, voxels, labelVoxels) = _options.SpacingMm is { } mm ? Resample(image, labels, mm) : (image.Geometry, image.Data, labels);
        var id = CaseId(uid);
        writer.Add(new DatasetCase
        {
            Id = id,
            ImageFile = "-",
            Size = [grid.SizeX, grid.SizeY, grid.SizeZ],
            SpacingMm = [grid.Spacing.X, grid.Spacing.Y, grid.Spacing.Z],
            DirectionAndOrigin = grid.IndexToPatient.ToMatrix4x4(),
            Modality = "CT",
            StudyInstanceUid = study.StudyInstanceUid,
            SeriesInstanceUid = uid,
            Source = _options.SourceName,
        }, voxels, labelVoxels, report?.Text);
        summary.Add(id, labelVoxels is not null);
        if (_options.Limit is { } limit && summary.Added.Count >= limit) summary.LimitReached = true;
    }

    /// <summary>The newest SEG that fits the series; each that does not is recorded with the reason.</summary>
    private static byte[]? LabelsFor(List<SegCandidate> segs, SeriesLayout layout, HarvestSummary summary)
    {
        foreach (var seg in segs)
        {
            try
            {
                var labels = SegLabels.OnGrid(seg, layout, out var leftOut);
                if (leftOut.Count > 0)
                    summary.Skip("SEG", seg.SopInstanceUid, "segments not in the organ catalog", $"SEG {seg.SopInstanceUid}: left out {string.Join("; ", leftOut)}");
                return labels;
            }
            catch (DicomFormatException e)
            {
                summary.Skip("SEG", seg.SopInstanceUid, "not aligned with its series", $"SEG {seg.SopInstanceUid} does not fit CT series {layout.SeriesInstanceUid}: {e.Message}");
            }
            catch (InvalidDataException e)
            {
                summary.Skip("SEG", seg.SopInstanceUid, "no catalog organ", $"SEG {seg.SopInstanceUid}: {e.Message}");
            }
        }
        return null;
    }

    /// <summary>Isotropic grid of <paramref name="mm"/>: trilinear HU (rounded, air outside), nearest labels; same origin and axes.</summary>
    private static (ImageGeometry Grid, short[] Image, byte[]? Labels) Resample(Volume<short> image, byte[]? labels, double mm)
    {
        var spacing = new Vector3D(mm, mm, mm);
        var hu = VolumeResampler.Linear(image, spacing, outside: -1024);
        var voxels = new short[hu.Data.Length];
        for (int i = 0; i < voxels.Length; i++) voxels[i] = (short)Math.Clamp(MathF.Round(hu.Data[i]), short.MinValue, short.MaxValue);
        var resampledLabels = labels is null ? null : VolumeResampler.Nearest(new Volume<byte>(image.Geometry, labels), hu.Geometry).Data;
        return (hu.Geometry, voxels, resampledLabels);
    }

    internal static string Describe(HarvestSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"{summary.Studies} studies, {summary.CtSeries} CT series, {summary.Segmentations} SEGs, {summary.Reports} reports; " +
        $"added {summary.AddedWithLabels} labelled + {summary.AddedReportOnly} report-only, {summary.Cached} cached, {summary.Refetched} re-fetched, {summary.Skipped.Count} skipped");
}
