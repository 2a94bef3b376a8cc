using System.IO.Compression;

namespace Mosmos.Dicom;

/// <summary>
/// A DICOM Part 10 file (PS3.10 §7.1): File Meta Information (group 0002) and the data set. Reading accepts files
/// without preamble, and files without meta information where the encoding can be recognised (PS3.10 §7.1 notes,
/// and the practice of the older files found in archives).
/// </summary>
public sealed class DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax)
{
    public DicomDataset FileMetaInformation { get; } = fileMetaInformation;

    public DicomDataset Dataset { get; } = dataset;

    public TransferSyntax TransferSyntax { get; } = transferSyntax;

    /// <summary>True when a header-only read stopped before Pixel Data.</summary>
    public bool StoppedBeforePixelData { get; init; }

    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, path, options ?? DicomReadOptions.Default);
    }

    /// <summary>Reads from any stream; values are read eagerly (nothing can be deferred without a file).</summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, null, options ?? DicomReadOptions.Default);
    }

    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReadOptions? options = null) =>
        Read(new MemoryStream(bytes.ToArray(), writable: false), options);

    /// <summary>Buffers an async stream (bounded by <see cref="DicomReadOptions.MaxElementLength"/>) and parses it.</summary>
    public static async Task<DicomFile> ReadAsync(Stream stream, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomReadOptions.Default;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > options.MaxElementLength)
                throw new DicomFormatException($"the DICOM stream exceeds {options.MaxElementLength} bytes", buffer.Length, null);
            buffer.Write(chunk, 0, n);
        }
        buffer.Position = 0;
        return Read(buffer, null, options);
    }

    private static DicomFile Read(Stream stream, string? path, DicomReadOptions options)
    {
        using var source = new ByteSource(stream, stream.CanSeek ? path : null);
        var meta = FileMetaReader.Read(source, options, out var syntax);
        var dataset = new DicomDataset();
        bool stopped;
        if (syntax.IsDeflated)
        {
            // PS3.5 §A.5: everything after the meta group is a raw RFC 1951 deflate stream.
            using var inflated = new LimitedStream(new DeflateStream(source.RemainingStream(), CompressionMode.Decompress), options.MaxInflatedBytes);
            using var inner = new ByteSource(inflated, null);
            stopped = new DicomReader(inner, syntax, options).ReadDataset(dataset, -1, 0, topLevel: true);
        }
        else
        {
            source.BigEndian = syntax.IsBigEndian;
            stopped = new DicomReader(source, syntax, options).ReadDataset(dataset, -1, 0, topLevel: true);
        }
        return new DicomFile(meta, dataset, syntax) { StoppedBeforePixelData = stopped };
    }
}
