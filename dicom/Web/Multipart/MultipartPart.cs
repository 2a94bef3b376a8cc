using System.Globalization;

namespace Mosmos.Dicom.Web;

/// <summary>
/// One part of a multipart/related body: its headers, and its body read straight from the response stream, so
/// the caller can copy it into a buffer of its own (<see cref="ReadIntoAsync"/>) or parse it as a stream.
/// A part is valid until the next part is requested.
/// </summary>
public sealed class MultipartPart
{
    private readonly MultipartReader _reader;
    private readonly int _number;

    internal MultipartPart(MultipartReader reader, int number, IReadOnlyDictionary<string, string> headers)
    {
        _reader = reader;
        _number = number;
        Headers = headers;
        ContentType = MediaType.TryParse(headers.GetValueOrDefault("Content-Type"));
        if (headers.TryGetValue("Content-Length", out var length))
        {
            if (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                throw new DicomWebException($"multipart part {number} has an invalid Content-Length");
            ContentLength = n;
        }
    }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The part's own media type; PS3.18 §8.7: it may differ from the requested one.</summary>
    public MediaType? ContentType { get; }

    /// <summary>The declared length, when the server sent one (informative: the boundary decides).</summary>
    public long? ContentLength { get; }

    public string? ContentLocation => Headers.GetValueOrDefault("Content-Location");

    /// <summary>Reads up to <paramref name="destination"/>.Length body bytes; 0 at the end of the part.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) throw new ArgumentException("the destination is empty", nameof(destination));
        if (!_reader.IsLatest(_number))
            throw new InvalidOperationException("this multipart part was left for a later one; read parts in order");
        return _reader.ReadBodyCoreAsync(destination, skip: false, cancellationToken);
    }

    /// <summary>
    /// Copies the whole body into <paramref name="destination"/> and returns its length; throws
    /// <see cref="DicomWebException"/> when the body is longer than the destination.
    /// </summary>
    public async ValueTask<int> ReadIntoAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = await ReadAsync(destination[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0) return total;
            total += n;
        }
        var probe = new byte[1];
        if (await ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
            throw new DicomWebException($"multipart part {_number} is longer than the {destination.Length}-byte destination");
        return total;
    }

    /// <summary>The whole body as a new array (bounded by the reader's part limit).</summary>
    public async ValueTask<byte[]> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (ContentLength is { } declared && declared <= Array.MaxLength)
        {
            var exact = GC.AllocateUninitializedArray<byte>((int)declared);
            int n = declared == 0 ? 0 : await ReadIntoAsync(exact, cancellationToken).ConfigureAwait(false);
            if (n == declared && (declared > 0 || await ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0))
                return exact;
            throw new DicomWebException($"multipart part {_number} does not match its Content-Length of {declared}");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    /// <summary>The body as a forward-only stream (for <c>DicomFile.ReadAsync</c>).</summary>
    public Stream OpenRead() => new PartStream(this);

    private sealed class PartStream(MultipartPart part) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            buffer.IsEmpty ? ValueTask.FromResult(0) : part.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
