using System.Net;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>
/// Checks before any pixel is fetched, each failing the job with its reason (DESIGN §4): SOP class and modality
/// the model takes, pixel data present, then the volume builder's slice count, spacing, tilt and single plane.
/// </summary>
internal sealed partial class SegmentationPipeline
{
    /// <summary>Image storage SOP classes per modality (PS3.4 B.5): classic, Enhanced and Legacy Converted Enhanced.</summary>
    private static readonly Dictionary<string, string[]> s_imageSopClasses = new(StringComparer.Ordinal)
    {
        ["CT"] = ["1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2"],
        ["MR"] = ["1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.5.1.4.1.1.4.4"],
    };

    /// <summary>
    /// The checks on the series' headers; returns the planned volume. Pixel data is checked by
    /// <see cref="CheckPixelDataAsync"/>: WADO-RS metadata names uncompressed pixel data by a BulkDataURI, but Orthanc
    /// leaves encapsulated (compressed) pixel data out entirely, so a missing element proves nothing by itself.
    /// </summary>
    internal SeriesLayout Check(IReadOnlyList<DicomDataset> instances, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(card);
        var images = SupportedImages(instances, card);
        return new SeriesVolumeBuilder(VolumeOptions(card, instances[0].GetString(DicomTags.SeriesInstanceUid))).Plan(images);
    }

    /// <summary>
    /// When the metadata shows no pixel data for an instance, asks for its first frame as stored
    /// (<c>transfer-syntax=*</c>, no transcoding): a 4xx means there is none and the job is refused before any
    /// volume is built; a frame means compressed data the metadata did not list. One request for the first such
    /// instance: the volume stage still fails any other instance whose frames cannot be had.
    /// </summary>
    private static async Task<bool> CheckPixelDataAsync(IDicomWebClient source, SegmentSeries job, IReadOnlyList<DicomDataset> instances,
        CancellationToken cancellationToken)
    {
        var unlisted = instances.FirstOrDefault(i => !i.Contains(DicomTags.PixelData));
        if (unlisted?.GetString(DicomTags.SopInstanceUid) is not { } sopInstanceUid)
            return true;
        try
        {
            await foreach (var _ in source.RetrieveFramesAsync(job.StudyInstanceUid, job.SeriesInstanceUid, sopInstanceUid, [1],
                DicomWebTransferSyntax.Any, cancellationToken).ConfigureAwait(false))
                return true;
        }
        catch (DicomWebException e) when (e.StatusCode is { } status && (int)status is >= 400 and < 500
            && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            // No frame to be had: reported below.
        }
        throw SegmentationException.Rejected(FailureReason.Undecodable,
            $"instance {sopInstanceUid} has no pixel data (or only float pixel data); the series cannot be segmented — check the modality's export");
    }

    private static List<DicomDataset> SupportedImages(IReadOnlyList<DicomDataset> instances, ModelCard card)
    {
        if (instances.Count == 0)
            throw SegmentationException.Rejected(FailureReason.TooFewSlices, "the series has no instances");
        if (!s_imageSopClasses.TryGetValue(card.Modality, out var accepted))
        {
            throw SegmentationException.Rejected(FailureReason.ModelError,
                $"model {card.Name} {card.Version} declares modality '{card.Modality}'; the worker segments CT and MR only — fix the model card");
        }
        var images = instances.Where(i => accepted.Contains(i.GetString(DicomTags.SopClassUid) ?? "", StringComparer.Ordinal)).ToList();
        if (images.Count > 0)
            return images;
        var modalities = string.Join(", ", instances.Select(i => i.GetString(DicomTags.Modality) ?? "none").Distinct(StringComparer.Ordinal));
        var classes = string.Join(", ", instances.Select(i => i.GetString(DicomTags.SopClassUid) ?? "none").Distinct(StringComparer.Ordinal));
        throw SegmentationException.Rejected(FailureReason.UnsupportedModality,
            $"the series holds modality {modalities} (SOP class {classes}); model {card.Name} {card.Version} takes {card.Modality} images " +
            $"({string.Join(", ", accepted)}) — route this series to a model for its modality");
    }
}
