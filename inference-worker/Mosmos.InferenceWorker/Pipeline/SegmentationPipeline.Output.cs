using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Sr;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// Output: DICOM SEG (PS3.3 A.51) and TID 1500 SR with per-organ volume and HU statistics, every UID derived from
/// the idempotency key (DESIGN §4) so a redelivered job rewrites the same instances.
/// </summary>
internal sealed partial class SegmentationPipeline
{
    private const string SegDescription = "MOSMOS organ segmentation";
    private const string SrDescription = "MOSMOS organ measurements";

    /// <summary>LO holds 64 characters: the superseded result is named by what it was, its key is in the job events.</summary>
    internal static string Describe(string description, SegmentationIdentity identity) =>
        identity.SupersedesKey is null ? description : description + " (supersedes earlier result)";

    /// <summary>The card's labels as catalog organs; an unknown organ id makes the card invalid.</summary>
    private static List<SegmentDescription> SegmentsOf(ModelCard card)
    {
        var segments = new List<SegmentDescription>();
        foreach (var (value, organId) in card.Labels.OrderBy(l => l.Key))
        {
            if (value is < 1 or > 255 || !OrganCatalog.TryGet(organId, out var organ))
            {
                throw SegmentationException.Rejected(FailureReason.ModelError,
                    $"model {card.Name} {card.Version}: label {value} → '{organId}' is not a label value 1..255 naming an organ of the catalog; fix the model card");
            }
            segments.Add(SegmentDescription.FromOrgan(organ, (byte)value));
        }
        return segments;
    }

    /// <summary>The SEG's source references, slice z = layout slice z: single-frame images, or frames of one Enhanced image.</summary>
    private static SourceSeries SourceOf(SeriesLayout layout)
    {
        if (!layout.Slices.Any(s => s.IsMultiFrame))
            return SourceSeriesBuilder.FromSlices(layout.Slices.Select(s => s.Instance).ToList());
        if (layout.Instances.Count == 1)
            return SourceSeriesBuilder.FromEnhanced(layout.Instances[0].Instance, layout.Slices.Select(s => s.FrameNumber).ToList());
        throw SegmentationException.Rejected(FailureReason.Undecodable,
            $"series {layout.SeriesInstanceUid} spreads its slices over {layout.Instances.Count} multi-frame instances; the SEG can reference one");
    }

    private static SegmentationResult? WriteSeg(Volume<byte> labels, SourceSeries source, List<SegmentDescription> segments, ModelCard card, SegmentationIdentity identity) =>
        SegWriter.Encode(LabelMapOf(labels), source, segments, new SegWriterOptions
        {
            UidKey = identity.IdempotencyKey,
            Algorithm = new SegmentationAlgorithm(card.Name, card.Version),
            SeriesDescription = Describe(SegDescription, identity),
            SoftwareVersions = card.Version,
        });

    private static (MeasurementReportResult Report, IReadOnlyList<OrganVolume> Organs) WriteSr(Volume<byte> labels, Volume<float> image, SourceSeries source,
        SegmentationResult? seg, ModelCard card, SegmentationIdentity identity)
    {
        var map = LabelMapOf(labels);
        var measurements = SegmentMeasurements.Compute(map, (ReadOnlySpan<float>)image.Data, source.VoxelVolumeMm3);
        var report = MeasurementReportWriter.Write(new MeasurementReportInput
        {
            Source = source,
            Segmentation = seg,
            Measurements = measurements,
            UidKey = identity.IdempotencyKey,
            Algorithm = new SegmentationAlgorithm(card.Name, card.Version),
            SeriesDescription = Describe(SrDescription, identity),
        });
        bool ct = string.Equals(source.Modality, "CT", StringComparison.Ordinal);
        var organs = (seg?.Segments ?? [])
            .Where(s => measurements.ContainsKey(s.Description.LabelValue))
            .Select(s =>
            {
                var m = measurements[s.Description.LabelValue];
                return new OrganVolume(s.Description.Organ?.Id ?? s.Description.Label, m.VolumeCm3, ct ? m.Intensity?.Mean : null);
            })
            .ToList();
        return (report, organs);
    }

    private static LabelMap LabelMapOf(Volume<byte> labels) =>
        new(labels.Geometry.SizeX, labels.Geometry.SizeY, labels.Geometry.SizeZ, labels.Data);
}
