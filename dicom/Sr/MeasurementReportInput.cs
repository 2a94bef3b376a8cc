using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Sr;

/// <summary>
/// Everything the TID 1500 report needs: the source series (patient/study, evidence, image library), the SEG as
/// written (null when nothing was found: the report is then valid and says so by having no measurement groups),
/// the measurements per label value, and identity options.
/// </summary>
public sealed record MeasurementReportInput
{
    public required SourceSeries Source { get; init; }

    public SegmentationResult? Segmentation { get; init; }

    /// <summary>Per label value (<see cref="SegmentDescription.LabelValue"/>), from <see cref="SegmentMeasurements"/>.</summary>
    public IReadOnlyDictionary<byte, SegmentMeasurement> Measurements { get; init; } = new Dictionary<byte, SegmentMeasurement>();

    /// <summary>Key the SR's UIDs derive from (DESIGN §4); use the same key as the SEG.</summary>
    public required string UidKey { get; init; }

    /// <summary>Written as Algorithm Name/Version in every measurement group (TID 4019) when set.</summary>
    public SegmentationAlgorithm? Algorithm { get; init; }

    /// <summary>Procedure reported (CID 100); by modality when null (CT/MR unspecified body region, LOINC).</summary>
    public CodedConcept? ProcedureReported { get; init; }

    /// <summary>Device Observer UID (TID 1004): stable per installation; derived from "mosmos" when null.</summary>
    public string? DeviceObserverUid { get; init; }

    public string DeviceObserverName { get; init; } = "MOSMOS";

    public string Manufacturer { get; init; } = "MOSMOS";

    public string ManufacturerModelName { get; init; } = "MOSMOS organ segmentation";

    public int SeriesNumber { get; init; } = 902;

    public int InstanceNumber { get; init; } = 1;

    public string SeriesDescription { get; init; } = "MOSMOS organ measurements";

    /// <summary>List every source slice in the Image Library (TID 1600); it is optional and grows with the series.</summary>
    public bool IncludeImageLibrary { get; init; } = true;

    public DateTime? CreatedAt { get; init; }
}

/// <summary>The SR data set (write it with <see cref="DicomWriter"/>) and its UIDs.</summary>
public sealed record MeasurementReportResult(DicomDataset Dataset, string SopInstanceUid, string SeriesInstanceUid);
