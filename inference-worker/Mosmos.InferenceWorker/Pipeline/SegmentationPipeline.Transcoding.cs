using Mosmos.Contracts;
using Mosmos.Dicom.Web;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>Telling "the server cannot transcode these frames" apart from "the server is down".</summary>
internal sealed partial class SegmentationPipeline
{
    /// <summary>
    /// A 5xx for frames requested as Explicit VR Little Endian is either the server failing (retry later) or the
    /// server failing to transcode what it holds — Orthanc without its GDCM plugin answers 500 for JPEG 2000
    /// (orthanc-rabbitmq.md §2.3) — which no retry can fix. One request for the same frame as stored
    /// (<c>transfer-syntax=*</c>, PS3.18 §8.7.3.5.2) tells them apart: when that works and the frame is
    /// compressed, the job fails as Undecodable naming the stored syntax; otherwise the original error stands.
    /// </summary>
    private static async Task<SegmentationException?> DiagnoseTranscodingAsync(IDicomWebClient source, SegmentSeries job, string sopInstanceUid,
        int frameNumber, DicomWebException failure, CancellationToken cancellationToken)
    {
        if (failure.StatusCode is not { } status || (int)status < 500)
            return null;
        try
        {
            await foreach (var stored in source.RetrieveFramesAsync(job.StudyInstanceUid, job.SeriesInstanceUid, sopInstanceUid, [frameNumber],
                DicomWebTransferSyntax.Any, cancellationToken).ConfigureAwait(false))
            {
                if (stored.TransferSyntaxUid is DicomWebTransferSyntax.ExplicitVRLittleEndian or "1.2.840.10008.1.2")
                    return null;
                return new SegmentationException(FailureReason.Undecodable,
                    $"instance {sopInstanceUid}: the server holds its pixel data as {stored.TransferSyntaxUid ?? "an unknown transfer syntax"} " +
                    $"({stored.MediaType}) and failed to transcode it to Explicit VR Little Endian (HTTP {(int)status}); enable transcoding " +
                    "of that syntax on the server (Orthanc: the GDCM plugin) and re-run the job", permanent: true, failure);
            }
        }
        catch (DicomWebException)
        {
            // The stored frame cannot be had either: the server itself is failing; the first error decides.
        }
        return null;
    }
}
