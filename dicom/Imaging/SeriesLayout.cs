using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.ExceptionServices;

namespace Mosmos.Dicom.Imaging;

/// <summary>
/// A planned volume: its grid, the source of every slice in volume order, and the per-frame pixel formats.
/// <see cref="DecodeFrame{T}"/> may run concurrently for different slices, so frames fetched in parallel
/// (WADO-RS) go straight into the volume buffer without a temporary copy.
/// </summary>
public sealed class SeriesLayout
{
    private readonly IReadOnlyList<FrameHeader> _frames;
    private readonly Dictionary<(string Sop, int Frame), int> _sliceOf;
    private readonly ConcurrentDictionary<(PixelFormat Format, Type Type), object> _decoders = new();
    private readonly SeriesVolumeOptions _options;

    internal SeriesLayout(SliceStack stack, string seriesInstanceUid, string frameOfReferenceUid, string modality,
        IReadOnlyList<DroppedSlice> dropped, SeriesVolumeOptions options)
    {
        Geometry = stack.Geometry;
        _frames = stack.Frames;
        _options = options;
        Slices = _frames.Select(f => f.ToSliceSource()).ToArray();
        _sliceOf = new Dictionary<(string, int), int>(_frames.Count);
        for (int z = 0; z < _frames.Count; z++) _sliceOf[(_frames[z].SopInstanceUid, _frames[z].FrameNumber)] = z;
        Instances = Slices.Select((s, z) => (Slice: s, Z: z)).GroupBy(s => s.Slice.SopInstanceUid, StringComparer.Ordinal)
            .Select(g => new InstanceFrames(g.Key, g.First().Slice.Instance, g.Select(s => new FrameSlice(s.Slice.FrameNumber, s.Z)).ToArray()))
            .ToArray();
        (SeriesInstanceUid, FrameOfReferenceUid, Modality) = (seriesInstanceUid, frameOfReferenceUid, modality);
        Dropped = dropped;
        MaxSpacingDeviation = stack.MaxSpacingDeviation;
        TiltDegrees = stack.TiltDegrees;
    }

    public ImageGeometry Geometry { get; }

    /// <summary>The source of slice z, in volume order (ascending along the slice normal).</summary>
    public IReadOnlyList<SliceSource> Slices { get; }

    /// <summary>The instances used, each with its frames and their slice indices: what to fetch.</summary>
    public IReadOnlyList<InstanceFrames> Instances { get; }

    public string SeriesInstanceUid { get; }

    /// <summary>The FrameOfReferenceUID of the slices; empty when they have none.</summary>
    public string FrameOfReferenceUid { get; }

    public string Modality { get; }

    /// <summary>Instances and frames left out (other series, localizers, duplicates …), each with its reason.</summary>
    public IReadOnlyList<DroppedSlice> Dropped { get; }

    /// <summary>Largest relative deviation of a slice gap from the median gap (0.004 = 0.4 %).</summary>
    public double MaxSpacingDeviation { get; }

    /// <summary>Angle between the slice step and the normal when tilt was allowed and present; otherwise 0.</summary>
    public double TiltDegrees { get; }

    /// <summary>Bytes of one native frame (Rows × Columns × BitsAllocated / 8) of slice <paramref name="slice"/>.</summary>
    public int FrameBytes(int slice) => _frames[slice].Format.FrameBytes;

    /// <summary>The slice index of a frame, or −1 when that frame is not part of the volume.</summary>
    public int FindSlice(string sopInstanceUid, int frameNumber = 1) =>
        _sliceOf.TryGetValue((sopInstanceUid, frameNumber), out int z) ? z : -1;

    /// <summary>A zeroed volume on <see cref="Geometry"/>.</summary>
    public Volume<T> CreateVolume<T>() where T : unmanaged => new(Geometry, _options.MaxVoxels);

    /// <summary>
    /// Decodes one native little-endian frame (as WADO-RS returns in Explicit VR Little Endian, or a Part 10
    /// PixelData slice) into slice <paramref name="slice"/>: BitsStored masking, sign extension, MONOCHROME1
    /// inversion and rescale applied. Short or empty input is <see cref="SeriesRejection.Undecodable"/>.
    /// </summary>
    public void DecodeFrame<T>(int slice, ReadOnlySpan<byte> frame, Volume<T> volume) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, _frames.Count);
        if (!ReferenceEquals(volume.Geometry, Geometry) && !volume.Geometry.IsSameGrid(Geometry, 0))
            throw new ArgumentException("the volume is not on this layout's grid; use CreateVolume", nameof(volume));
        var header = _frames[slice];
        if (frame.Length < header.Format.FrameBytes)
        {
            throw new SeriesRejectedException(SeriesRejection.Undecodable, frame.IsEmpty
                ? $"instance {header.SopInstanceUid} frame {header.FrameNumber} has no pixel data"
                : $"instance {header.SopInstanceUid} frame {header.FrameNumber} has {frame.Length} bytes of pixel data, " +
                  $"{header.Format.FrameBytes} expected (Rows × Columns × BitsAllocated / 8, native encoding)");
        }
        var decoder = (PixelDecoder<T>)_decoders.GetOrAdd((header.Format, typeof(T)),
            static (key, invert) => new PixelDecoder<T>(key.Format, invert), _options.InvertMonochrome1);
        decoder.Decode(frame, volume.Slice(slice));
    }

    /// <summary>
    /// Allocates the volume and fills every slice from <paramref name="readFrame"/>, which returns the native
    /// bytes of that slice's frame (it may return a larger buffer starting at the frame). With
    /// <paramref name="maxDegreeOfParallelism"/> above 1 the callback runs concurrently and must be thread-safe.
    /// </summary>
    public SeriesVolume<T> Build<T>(Func<SliceSource, ReadOnlyMemory<byte>> readFrame, int maxDegreeOfParallelism = 1)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(readFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDegreeOfParallelism);
        var volume = CreateVolume<T>();
        if (maxDegreeOfParallelism == 1)
        {
            for (int z = 0; z < Slices.Count; z++) DecodeFrame(z, readFrame(Slices[z]).Span, volume);
        }
        else
        {
            RunParallel(Slices.Count, maxDegreeOfParallelism, z => DecodeFrame(z, readFrame(Slices[z]).Span, volume));
        }
        return new SeriesVolume<T>(this, volume);
    }

    /// <summary>Parallel.For that rethrows the first failure itself rather than an AggregateException.</summary>
    internal static void RunParallel(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}

/// <summary>One source instance of a volume and where its frames go.</summary>
public sealed record InstanceFrames(string SopInstanceUid, DicomDataset Instance, IReadOnlyList<FrameSlice> Frames);

/// <summary>A 1-based frame number of an instance and the slice index it fills.</summary>
public readonly record struct FrameSlice(int FrameNumber, int Slice);

/// <summary>A built volume with the layout that says where each slice came from.</summary>
public sealed class SeriesVolume<T>(SeriesLayout layout, Volume<T> volume) where T : unmanaged
{
    public SeriesLayout Layout { get; } = layout;

    public Volume<T> Volume { get; } = volume;

    public ImageGeometry Geometry => Volume.Geometry;

    /// <summary>Per-slice source references in volume order (for the SEG writer).</summary>
    public IReadOnlyList<SliceSource> Slices => Layout.Slices;
}
