using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mosmos.Datasets;

/// <summary>
/// Raw voxel files: int16 little-endian (images, HU) or uint8 (labels), x fastest, then y, then z; no header.
/// A name ending in ".gz" is a gzip stream of the same bytes.
/// </summary>
public static class VolumeFile
{
    public static short[] ReadInt16(string path, long voxels)
    {
        var data = new short[voxels];
        ReadExact(path, MemoryMarshal.AsBytes(data.AsSpan()));
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(data, data);
        return data;
    }

    public static byte[] ReadUInt8(string path, long voxels)
    {
        var data = new byte[voxels];
        ReadExact(path, data);
        return data;
    }

    /// <param name="gzip">Compress; by default when <paramref name="path"/> ends in ".gz".</param>
    public static void WriteInt16(string path, ReadOnlySpan<short> data, bool? gzip = null)
    {
        if (BitConverter.IsLittleEndian) Write(path, MemoryMarshal.AsBytes(data), gzip ?? IsCompressed(path));
        else
        {
            var swapped = new short[data.Length];
            BinaryPrimitives.ReverseEndianness(data, swapped);
            Write(path, MemoryMarshal.AsBytes(swapped.AsSpan()), gzip ?? IsCompressed(path));
        }
    }

    /// <param name="gzip">Compress; by default when <paramref name="path"/> ends in ".gz".</param>
    public static void WriteUInt8(string path, ReadOnlySpan<byte> data, bool? gzip = null) => Write(path, data, gzip ?? IsCompressed(path));

    public static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static void ReadExact(string path, Span<byte> target)
    {
        if (!File.Exists(path)) ThrowHelper.Format(path, "file is missing");
        using var file = File.OpenRead(path);
        if (!IsCompressed(path) && file.Length != target.Length)
            ThrowHelper.Format(path, file.Length < target.Length
                ? $"file is truncated: {file.Length} bytes, the case size needs {target.Length}"
                : $"file is too long: {file.Length} bytes, the case size needs {target.Length}");
        try
        {
            using Stream stream = IsCompressed(path) ? new GZipStream(file, CompressionMode.Decompress) : file;
            var read = stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
            if (read < target.Length)
                ThrowHelper.Format(path, $"file is truncated: {read} bytes after decompression, the case size needs {target.Length}");
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) != 0)
                ThrowHelper.Format(path, $"file is too long: more than the {target.Length} bytes the case size needs");
        }
        catch (InvalidDataException ex)
        {
            ThrowHelper.Format(path, $"corrupt gzip stream ({ex.Message})", ex);
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> data, bool gzip)
    {
        using var file = File.Create(path);
        if (gzip)
        {
            // Fastest: label maps and 3 mm CT grids compress well even at this level, and harvest stays I/O-bound.
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(data);
        }
        else file.Write(data);
    }
}
