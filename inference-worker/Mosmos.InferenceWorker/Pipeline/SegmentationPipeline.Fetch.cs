using System.Buffers;
using System.Net;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;

namespace Mosmos.InferenceWorker.Pipeline;

/// <summary>Input over DICOMweb (PS3.18 §10.4, §10.6): instance list, metadata, then frames into the volume.</summary>
internal sealed partial class SegmentationPipeline
{
    /// <summary>
    /// WADO-RS metadata gives the instances' headers; QIDO-RS, asked at the same time, counts the series' instances,
    /// so that a missing series is refused with its own reason whatever the metadata request answers. When the count
    /// fails or finds nothing, the metadata request is cancelled: its answer is not needed.
    /// </summary>
    private static async Task<IReadOnlyList<DicomDataset>> FetchMetadataAsync(IDicomWebClient source, SegmentSeries job, CancellationToken cancellationToken)
    {
        using var metadataCall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var metadata = source.RetrieveMetadataAsync(job.StudyInstanceUid, job.SeriesInstanceUid, cancellationToken: metadataCall.Token);
        int instances = 0;
        try
        {
            await foreach (var _ in source.SearchInstancesAsync(job.StudyInstanceUid, job.SeriesInstanceUid, cancellationToken: cancellationToken).ConfigureAwait(false))
                instances++;
            if (instances == 0)
            {
                throw SegmentationException.Rejected(FailureReason.SourceUnavailable,
                    $"series {job.SeriesInstanceUid} of study {job.StudyInstanceUid} has no instances on source '{job.SourceServer}'; " +
                    "it was deleted or never arrived — re-run the job once the series is back");
            }
        }
        catch
        {
            await metadataCall.CancelAsync().ConfigureAwait(false);
            await ((Task)metadata).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return await metadata.ConfigureAwait(false);
    }

    /// <summary>
    /// Retrieves every frame as Explicit VR Little Endian (the server transcodes compressed data), instances in
    /// parallel up to <see cref="PipelineOptions.FrameParallelism"/>. Each frame is read into a pooled buffer of one
    /// frame and decoded (rescale to HU) straight into its slice of the volume: no temporary files, no per-frame arrays.
    /// </summary>
    private async Task<Volume<float>> FetchVolumeAsync(IDicomWebClient source, SegmentSeries job, SeriesLayout layout, CancellationToken cancellationToken)
    {
        var volume = layout.CreateVolume<float>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.FrameParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(layout.Instances, parallel, async (instance, token) =>
        {
            var numbers = instance.Frames.Select(f => f.FrameNumber).ToArray();
            var buffer = ArrayPool<byte>.Shared.Rent(layout.FrameBytes(instance.Frames[0].Slice) + 1);
            try
            {
                int next = 0;
                await foreach (var frame in source.RetrieveFramesAsync(job.StudyInstanceUid, job.SeriesInstanceUid, instance.SopInstanceUid, numbers,
                    cancellationToken: token).ConfigureAwait(false))
                {
                    if (next >= instance.Frames.Count) break;
                    CheckTransferSyntax(instance.SopInstanceUid, frame);
                    int read = await frame.ReadIntoAsync(buffer, token).ConfigureAwait(false);
                    layout.DecodeFrame(instance.Frames[next++].Slice, buffer.AsSpan(0, read), volume);
                }
                if (next < instance.Frames.Count)
                {
                    throw SegmentationException.Rejected(FailureReason.Undecodable,
                        $"instance {instance.SopInstanceUid}: the server returned {next} of {instance.Frames.Count} frames");
                }
            }
            catch (DicomWebException e) when (e.StatusCode is { } status && (int)status >= 500)
            {
                var undecodable = await DiagnoseTranscodingAsync(source, job, instance.SopInstanceUid, numbers[0], e, token).ConfigureAwait(false);
                if (undecodable is not null)
                    throw undecodable;
                throw;
            }
            catch (DicomWebException e) when (e.StatusCode is { } status && (int)status is >= 400 and < 500 && status != HttpStatusCode.RequestTimeout
                && status != HttpStatusCode.TooManyRequests)
            {
                throw new SegmentationException(FailureReason.Undecodable,
                    $"instance {instance.SopInstanceUid}: the server cannot deliver its pixel data as Explicit VR Little Endian " +
                    $"(HTTP {(int)status}); check that it holds pixel data and that the server can transcode it (Orthanc: GDCM plugin)", permanent: true, e);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }).ConfigureAwait(false);
        return volume;
    }

    private static void CheckTransferSyntax(string sopInstanceUid, DicomWebFrame frame)
    {
        if (frame.TransferSyntaxUid is null or DicomWebTransferSyntax.ExplicitVRLittleEndian or "1.2.840.10008.1.2")
            return;
        throw SegmentationException.Rejected(FailureReason.Undecodable,
            $"instance {sopInstanceUid}: the server sent frames in transfer syntax {frame.TransferSyntaxUid} ({frame.MediaType}) " +
            "instead of decoding them; enable transcoding on the server (Orthanc: GDCM plugin)");
    }

    private static async Task<bool> StoreAsync(IDicomWebClient source, string studyInstanceUid, SegmentationOutput output, CancellationToken cancellationToken)
    {
        var result = await source.StoreAsync(output.Datasets, studyInstanceUid, cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        return true;
    }
}
