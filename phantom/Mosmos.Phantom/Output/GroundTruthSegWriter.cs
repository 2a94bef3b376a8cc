using Mosmos.Dicom;
using Mosmos.Dicom.Seg;

namespace Mosmos.Phantom.Output;

/// <summary>
/// The ground-truth label map as a BINARY DICOM SEG (dicom/Seg) referencing the phantom's CT slices, with every
/// organ of the catalog that has voxels. UIDs derive from the study key, so the same seed gives the same SEG.
/// </summary>
public sealed class GroundTruthSegWriter : ISegmentationWriter
{
    public static readonly SegmentationAlgorithm Algorithm = new("MOSMOS phantom ground truth", "1");

    public void Write(PhantomStudy study, IReadOnlyList<string> ctPaths, string path)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(ctPaths);
        var g = study.Grid;
        // Label slice k is CT instance InstanceNumber(g, k) (CtSeriesWriter): the SEG's source order is the grid's.
        var slices = new DicomDataset[g.Slices];
        for (int k = 0; k < g.Slices; k++)
            slices[k] = DicomFile.Open(ctPaths[CtSeriesWriter.InstanceNumber(g, k) - 1], new DicomReadOptions { StopBeforePixelData = true }).Dataset;
        var source = SourceSeriesBuilder.FromSlices(slices);
        var labels = new LabelMap(source.Columns, source.Rows, g.Slices, study.Labels);
        var options = new SegWriterOptions
        {
            UidKey = study.Identity.Key + "/ground-truth",
            Algorithm = Algorithm,
            Manufacturer = "MOSMOS Phantom",
            SeriesDescription = "Ground truth (phantom)",
            ContentDescription = "Phantom ground-truth organ labels",
            CreatedAt = DateTime.ParseExact(study.Identity.StudyDate + study.Identity.StudyTime[..6], "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
        };
        var result = SegWriter.Encode(labels, source, SegmentDescription.FromCatalog(), options);
        if (result is null) return;  // no organ in the field of view: nothing to write
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        DicomWriter.Write(path, result.Dataset);
    }
}
