using System.Buffers;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;

namespace Mosmos.Trainer.Harvest;

/// <summary>
/// A CT series over DICOMweb: WADO-RS metadata → <see cref="SeriesVolumeBuilder"/> plan (selection, order, spacing
/// and tilt checks), then every frame as Explicit VR Little Endian decoded to HU straight into an int16 volume
/// (the dataset's image type; the builder rounds and saturates), a few instances at a time.
/// </summary>
public static class SeriesFetcher
{
    private const int Parallelism = 4;

    /// <exception cref="SeriesRejectedException">The series cannot be a volume (reason and detail say why).</exception>
    public static async Task<SeriesLayout> PlanAsync(IDicomWebClient client, string studyUid, string seriesUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.RetrieveMetadataAsync(studyUid, seriesUid, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (metadata.Count == 0)
            throw new SeriesRejectedException(SeriesRejection.TooFewSlices, $"series {seriesUid} has no instances");
        return new SeriesVolumeBuilder(new SeriesVolumeOptions { SeriesInstanceUid = seriesUid, Modalities = new HashSet<string>(["CT"], StringComparer.Ordinal) })
            .Plan(metadata);
    }

    public static async Task<Volume<short>> FetchAsync(IDicomWebClient client, string studyUid, SeriesLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(layout);
        var volume = layout.CreateVolume<short>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(layout.Instances, parallel, async (instance, token) =>
        {
            var numbers = instance.Frames.Select(f => f.FrameNumber).ToArray();
            var buffer = ArrayPool<byte>.Shared.Rent(layout.FrameBytes(instance.Frames[0].Slice) + 1);
            try
            {
                int next = 0;
                await foreach (var frame in client.RetrieveFramesAsync(studyUid, layout.SeriesInstanceUid, instance.SopInstanceUid, numbers,
                    cancellationToken: token).ConfigureAwait(false))
                {
                    if (next >= instance.Frames.Count) break;
                    if (frame.TransferSyntaxUid is not (null or DicomWebTransferSyntax.ExplicitVRLittleEndian or "1.2.840.10008.1.2"))
                    {
                        throw new SeriesRejectedException(SeriesRejection.Undecodable,
                            $"instance {instance.SopInstanceUid}: the server sent {frame.TransferSyntaxUid} instead of decoding it (Orthanc: GDCM plugin)");
                    }
                    int read = await frame.ReadIntoAsync(buffer, token).ConfigureAwait(false);
                    layout.DecodeFrame(instance.Frames[next++].Slice, buffer.AsSpan(0, read), volume);
                }
                if (next < instance.Frames.Count)
                    throw new SeriesRejectedException(SeriesRejection.Undecodable, $"instance {instance.SopInstanceUid}: the server returned {next} of {instance.Frames.Count} frames");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }).ConfigureAwait(false);
        return volume;
    }

    /// <summary>Voxel index → patient LPS affine of the grid, row-major 4×4 (the dataset's <c>directionAndOrigin</c>).</summary>
    public static double[] Affine(ImageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry.IndexToPatient.ToMatrix4x4();
    }
}
