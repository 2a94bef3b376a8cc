namespace Mosmos.Dicom.Web;

/// <summary>
/// Reading response bodies within <see cref="DicomWebClientOptions.MaxResponseBytes"/>: a declared Content-Length
/// over the limit is refused before a byte is read, and an undeclared (chunked) body is cut off as soon as it
/// passes the limit, so no response can exhaust memory.
/// </summary>
internal static class BoundedBody
{
    public static async Task<byte[]> ReadAsync(HttpContent content, long max, string operation, CancellationToken cancellationToken, bool truncate = false)
    {
        if (!truncate) CheckDeclared(content, max, operation);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > max)
                {
                    if (truncate)
                    {
                        buffer.Write(chunk, 0, (int)(max - buffer.Length));
                        break;
                    }
                    throw TooLarge(operation, max);
                }
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>The body as a stream that fails cleanly once more than <paramref name="max"/> bytes arrive.</summary>
    public static async Task<Stream> OpenAsync(HttpContent content, long max, string operation, CancellationToken cancellationToken)
    {
        CheckDeclared(content, max, operation);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new LimitStream(stream, max, operation);
    }

    public static void CheckDeclared(HttpContent content, long max, string operation)
    {
        if (content.Headers.ContentLength is { } length && length > max)
            throw new DicomWebException($"{operation}: the response of {length} bytes exceeds the limit of {max} bytes") { IsTooLarge = true };
    }

    public static DicomWebException TooLarge(string operation, long max) =>
        new($"{operation}: the response exceeds the limit of {max} bytes") { IsTooLarge = true };

    private sealed class LimitStream(Stream inner, long max, string operation) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Count(n);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int n)
        {
            _read += n;
            if (_read > max) throw TooLarge(operation, max);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
