using System.Globalization;
using Mosmos.Datasets;
using Mosmos.Dicom;
using Mosmos.Phantom.Preview;

namespace Mosmos.Phantom.Output;

/// <summary>What to write for each study.</summary>
/// <param name="Dicom">CT series and report SR under <c>STUDY/ct</c> and <c>STUDY/sr</c>, plus <c>study.json</c>.</param>
/// <param name="Dataset">Add the study to the dataset folder <c>OUT/dataset</c> (image, labels, report, tags).</param>
/// <param name="Preview">A contact sheet <c>STUDY/preview.png</c>.</param>
/// <param name="Segmentation">Writes <c>STUDY/seg/SEG0001.dcm</c> when set (<see cref="GroundTruthSegWriter"/>).</param>
public sealed record StudyOutputs(bool Dicom = true, bool Dataset = true, bool Preview = false, ISegmentationWriter? Segmentation = null)
{
    /// <summary>The default outputs: CT, report SR, ground-truth SEG, dataset and sidecar.</summary>
    public static StudyOutputs Default { get; } = new(Segmentation: new GroundTruthSegWriter());
}

/// <summary>Lays out one study's files under the output folder and returns where they went.</summary>
public static class StudyWriter
{
    public static string FolderName(PhantomStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return "phantom-" + study.Seed.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the per-study files (not the dataset, which <see cref="AddToDataset"/> appends in order).</summary>
    public static string Write(PhantomStudy study, string outFolder, StudyOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(outputs);
        var folder = Path.Combine(outFolder, FolderName(study));
        Directory.CreateDirectory(folder);
        if (outputs.Dicom)
        {
            var ct = CtSeriesWriter.Write(study, Path.Combine(folder, "ct"));
            var uids = Enumerable.Range(1, ct.Count).Select(study.Identity.CtInstanceUid).ToList();
            Directory.CreateDirectory(Path.Combine(folder, "sr"));
            ReportSrWriter.Write(study, uids, Path.Combine(folder, "sr", "SR0001.dcm"));
            if (outputs.Segmentation is { } seg)
            {
                Directory.CreateDirectory(Path.Combine(folder, "seg"));
                seg.Write(study, ct, Path.Combine(folder, "seg", "SEG0001.dcm"));
            }
        }
        Sidecar.From(study).Write(Path.Combine(folder, "study.json"));
        if (outputs.Preview) ContactSheet.Write(study, Path.Combine(folder, "preview.png"));
        return folder;
    }

    /// <summary>The dataset's label map: every catalog organ at its default label value.</summary>
    public static IReadOnlyDictionary<int, string> DatasetLabels() => OrganCatalog.All.ToDictionary(o => o.DefaultLabel, o => o.Id);

    /// <summary>
    /// Adds the study as a case: HU volume, label map and report text on the study's grid, with the tags the
    /// report states (what a tag extractor should recover; the full truth is in <c>study.json</c>).
    /// </summary>
    public static DatasetCase AddToDataset(DatasetWriter writer, PhantomStudy study)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(study);
        var g = study.Grid;
        var meta = new DatasetCase
        {
            Id = FolderName(study),
            ImageFile = "-",
            Size = [g.Columns, g.Rows, g.Slices],
            SpacingMm = [g.PixelSpacing, g.PixelSpacing, g.SliceSpacing],
            DirectionAndOrigin = g.Affine(),
            Modality = "CT",
            StudyInstanceUid = study.Identity.StudyInstanceUid,
            SeriesInstanceUid = study.Identity.CtSeriesInstanceUid,
            Source = string.Create(CultureInfo.InvariantCulture, $"phantom:seed={study.Seed};size={study.Size.Matrix}x{study.Size.Slices?.ToString(CultureInfo.InvariantCulture) ?? "auto"}"),
            Tags = study.Report.StatedTags,
        };
        return writer.Add(meta, study.Hu, study.Labels, study.Report.Text);
    }
}
