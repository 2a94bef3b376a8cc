using Mosmos.Contracts;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// What a pipeline run produced: the SEG (null when the model found no organ: a Segmentation needs at least one
/// frame, so only the SR is written and it says so by having no measurement groups), the SR, the organ volumes and,
/// for a MOSMOS model with an attention output, the FRACTIONAL attention SEG.
/// </summary>
internal sealed record SegmentationOutput(SegmentationResult? Seg, MeasurementReportResult Sr, IReadOnlyList<OrganVolume> Organs)
{
    /// <summary>The attention SEG (one segment per tag), or null when the model has none or no map had attention.</summary>
    public SegmentationResult? Attention { get; init; }

    /// <summary>The SEG's SOP Instance UID, or empty when nothing was found.</summary>
    public string SegSopInstanceUid => Seg?.SopInstanceUid ?? string.Empty;

    public IEnumerable<Mosmos.Dicom.DicomDataset> Datasets =>
        new[] { Seg?.Dataset, Attention?.Dataset, Sr.Dataset }.OfType<Mosmos.Dicom.DicomDataset>();
}
