using System.Numerics;

namespace Mosmos.Dicom.Imaging;

/// <summary>Offline input: a folder of Part 10 files with native (uncompressed) pixel data.</summary>
public sealed partial class SeriesVolumeBuilder
{
    /// <summary>Reads the files and builds a float volume (HU for CT).</summary>
    public static SeriesVolume<float> FromPart10Files(IEnumerable<string> paths, SeriesVolumeOptions? options = null) =>
        FromPart10Files<float>(paths, options);

    /// <summary>
    /// Reads each file with <see cref="DicomFile.Open"/> (pixel data deferred), plans the series, and decodes native
    /// pixel data instance by instance on all cores. Pixel data is removed from each instance's data set once
    /// decoded, so <see cref="SliceSource.Instance"/> holds headers only and memory stays at one copy of the volume.
    /// Encapsulated (compressed) pixel data is <see cref="SeriesRejection.Undecodable"/>.
    /// </summary>
    public static SeriesVolume<T> FromPart10Files<T>(IEnumerable<string> paths, SeriesVolumeOptions? options = null)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = paths.ToArray();
        var read = new DicomFile[files.Length];
        SeriesLayout.RunParallel(files.Length, Environment.ProcessorCount, i =>
        {
            try
            {
                read[i] = DicomFile.Open(files[i]);
            }
            catch (DicomFormatException e)
            {
                throw new SeriesRejectedException(SeriesRejection.Undecodable, $"{files[i]} is not readable DICOM: {e.Message}", e);
            }
        });
        var syntaxOf = new Dictionary<DicomDataset, TransferSyntax>(ReferenceEqualityComparer.Instance);
        foreach (var file in read) syntaxOf[file.Dataset] = file.TransferSyntax;

        var layout = new SeriesVolumeBuilder(options).Plan(read.Select(f => f.Dataset));
        var volume = layout.CreateVolume<T>();
        SeriesLayout.RunParallel(layout.Instances.Count, Environment.ProcessorCount, i =>
        {
            var instance = layout.Instances[i];
            var pixels = NativePixelData(instance, syntaxOf[instance.Instance]);
            foreach (var (frame, slice) in instance.Frames)
            {
                long offset = (long)(frame - 1) * layout.FrameBytes(slice);
                var bytes = offset < pixels.Length ? pixels.Span[(int)offset..] : ReadOnlySpan<byte>.Empty;
                layout.DecodeFrame(slice, bytes, volume);
            }
            instance.Instance.Remove(DicomTags.PixelData);
        });
        return new SeriesVolume<T>(layout, volume);
    }

    private static ReadOnlyMemory<byte> NativePixelData(InstanceFrames instance, TransferSyntax syntax)
    {
        var item = instance.Instance[DicomTags.PixelData];
        return item switch
        {
            DicomElement element => element.Value,
            DicomFragments => throw new SeriesRejectedException(SeriesRejection.Undecodable,
                $"instance {instance.SopInstanceUid} has compressed pixel data ({syntax.Name}); decoding it is not ours: " +
                "ask the DICOMweb server for Explicit VR Little Endian or convert the file first (dcmdjpeg, gdcmconv --raw)"),
            _ => throw new SeriesRejectedException(SeriesRejection.Undecodable,
                instance.Instance.Contains(DicomTags.FloatPixelData) || instance.Instance.Contains(DicomTags.DoubleFloatPixelData)
                    ? $"instance {instance.SopInstanceUid} has float pixel data, which is not supported"
                    : $"instance {instance.SopInstanceUid} has no pixel data"),
        };
    }
}
