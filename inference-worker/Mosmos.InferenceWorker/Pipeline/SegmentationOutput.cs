using Mosmos.Contracts;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// What a pipeline run produced: the SEG (null when the model found no organ: a Segmentation needs at least one
/// frame, so only the SR is written and it says so by having no measurement groups), the SR and the organ volumes.
/// </summary>
internal sealed record SegmentationOutput(SegmentationResult? Seg, MeasurementReportResult Sr, IReadOnlyList<OrganVolume> Organs)
{
    /// <summary>The SEG's SOP Instance UID, or empty when nothing was found.</summary>
    public string SegSopInstanceUid => Seg?.SopInstanceUid ?? string.Empty;

    public IEnumerable<Mosmos.Dicom.DicomDataset> Datasets => Seg is null ? [Sr.Dataset] : [Seg.Dataset, Sr.Dataset];
}
