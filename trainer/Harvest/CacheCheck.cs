using System.Buffers.Binary;
using Mosmos.Datasets;

namespace Mosmos.Trainer.Harvest;

/// <summary>
/// A cheap look at a cached case before trusting it on resume: every file is there and has the length its size
/// implies — raw volumes byte for byte, gzip volumes by their header magic and trailer (ISIZE, RFC 1952 §2.3.1:
/// the uncompressed length mod 2³²), which catches the truncation an interrupted copy or full disk leaves. A
/// full decode happens when the trainer loads the case.
/// </summary>
public static class CacheCheck
{
    /// <summary>Null when the case looks intact, else what is wrong with which file.</summary>
    public static string? Problem(string datasetFolder, DatasetCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Volume(datasetFolder, c.ImageFile, c.VoxelCount * sizeof(short))
            ?? (c.LabelFile is null ? null : Volume(datasetFolder, c.LabelFile, c.VoxelCount))
            ?? (c.ReportFile is null || File.Exists(Path.Combine(datasetFolder, c.ReportFile)) ? null : $"{c.ReportFile} is missing");
    }

    private static string? Volume(string folder, string relative, long bytes)
    {
        var path = Path.Combine(folder, relative);
        var file = new FileInfo(path);
        if (!file.Exists) return $"{relative} is missing";
        if (!relative.EndsWith(".gz", StringComparison.Ordinal))
            return file.Length == bytes ? null : $"{relative} has {file.Length} bytes, its size needs {bytes}";
        if (file.Length < 18) return $"{relative} is too short for a gzip stream ({file.Length} bytes)";
        Span<byte> head = stackalloc byte[2];
        Span<byte> tail = stackalloc byte[4];
        using (var stream = file.OpenRead())
        {
            stream.ReadExactly(head);
            stream.Seek(-4, SeekOrigin.End);
            stream.ReadExactly(tail);
        }
        if (head[0] != 0x1f || head[1] != 0x8b) return $"{relative} is not a gzip stream";
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        return size == (uint)bytes ? null : $"{relative} is truncated or damaged (gzip trailer says {size} bytes, its size needs {bytes})";
    }
}
