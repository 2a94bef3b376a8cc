using System.Text;

namespace Mosmos.Dicom.Web;

/// <summary>
/// Streaming reader of a <c>multipart/related</c> body (RFC 2046 §5.1.1, RFC 2387; PS3.18 §8.6.1.2 and §8.7.1).
/// Parts are split on the delimiter bytes <c>CRLF "--" boundary</c>, never decoded as text; at most one buffer of
/// 64 KiB is held, whatever the part sizes. Parts are read in order: asking for the next part skips what is left
/// of the current one. Every violation (truncation, a missing closing boundary, a part over the limit, headers
/// over the limit) raises <see cref="DicomWebException"/>; each loop either consumes input or stops at its end,
/// so hostile input cannot make the reader spin.
/// </summary>
public sealed partial class MultipartReader
{
    /// <summary>RFC 2046 §5.1.1: 1 to 70 characters. Orthanc uses exactly 70.</summary>
    public const int MaxBoundaryLength = 70;

    private const int BufferSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly byte[] _delimiter;
    private readonly long _maxPartBytes;
    private readonly int _maxHeaderBytes;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private State _state = State.Start;
    private long _partBytes;
    private int _partNumber;

    public MultipartReader(Stream stream, string boundary, long maxPartBytes, int maxHeaderBytes = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(boundary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPartBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderBytes, 256);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHeaderBytes, BufferSize / 2);
        if (!IsValidBoundary(boundary))
            throw new DicomWebException($"invalid multipart boundary of {boundary.Length} characters (RFC 2046 §5.1.1: 1 to 70 bcharsnospace)");
        _stream = stream;
        _delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        _maxPartBytes = maxPartBytes;
        _maxHeaderBytes = maxHeaderBytes;
        _buffer = new byte[BufferSize];
        // The body is read as if preceded by CRLF, so a first boundary at offset 0 matches the same delimiter.
        _buffer[0] = (byte)'\r';
        _buffer[1] = (byte)'\n';
        _end = 2;
    }

    private enum State { Start, InBody, AfterDelimiter, Done }

    /// <summary>The next part with its headers read, or null after the closing boundary.</summary>
    public async ValueTask<MultipartPart?> ReadNextPartAsync(CancellationToken cancellationToken = default)
    {
        switch (_state)
        {
            case State.Done:
                return null;
            case State.Start:
                await SkipPreambleAsync(cancellationToken).ConfigureAwait(false);
                break;
            case State.InBody:
                while (await ReadBodyCoreAsync(Memory<byte>.Empty, skip: true, cancellationToken).ConfigureAwait(false) > 0) { }
                break;
        }
        if (!await EnsureAsync(2, cancellationToken).ConfigureAwait(false))
            throw Truncated("after a boundary");
        if (_buffer[_start] == '-' && _buffer[_start + 1] == '-')
        {
            _state = State.Done; // the epilogue, if any, is ignored (RFC 2046 §5.1.1)
            return null;
        }
        await SkipBoundaryLineAsync(cancellationToken).ConfigureAwait(false);
        var headers = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
        _state = State.InBody;
        _partBytes = 0;
        var part = new MultipartPart(this, ++_partNumber, headers);
        if (part.ContentLength > _maxPartBytes)
            throw PartTooLarge(part.ContentLength.Value);
        return part;
    }

    internal long MaxPartBytes => _maxPartBytes;

    internal bool IsLatest(int partNumber) => partNumber == _partNumber;

    /// <summary>Copies body bytes of the current part; 0 at its end. With <paramref name="skip"/>, discards them.</summary>
    internal async ValueTask<int> ReadBodyCoreAsync(Memory<byte> destination, bool skip, CancellationToken cancellationToken)
    {
        if (_state != State.InBody) return 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index = _buffer.AsSpan(_start, _end - _start).IndexOf(_delimiter);
            // Without a match, the last (delimiter − 1) bytes may be the start of one: hold them back.
            int available = index >= 0 ? index : Math.Max(0, _end - _start - (_delimiter.Length - 1));
            if (available > 0)
            {
                int n = skip ? available : Math.Min(available, destination.Length);
                if (n == 0) return 0;
                if (!skip && _partBytes + n > _maxPartBytes)
                    throw PartTooLarge(_partBytes + n);
                if (!skip) _buffer.AsSpan(_start, n).CopyTo(destination.Span);
                _start += n;
                _partBytes += n;
                return n;
            }
            if (index == 0)
            {
                _start += _delimiter.Length;
                _state = State.AfterDelimiter;
                return 0;
            }
            if (_eof)
                throw Truncated("inside a part (no closing boundary)");
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask SkipPreambleAsync(CancellationToken cancellationToken)
    {
        // RFC 2046 §5.1.1 allows a preamble before the first boundary; it is bounded like a header block.
        long skipped = 0;
        while (true)
        {
            int index = _buffer.AsSpan(_start, _end - _start).IndexOf(_delimiter);
            if (index >= 0)
            {
                _start += index + _delimiter.Length;
                _state = State.AfterDelimiter;
                return;
            }
            int drop = Math.Max(0, _end - _start - (_delimiter.Length - 1));
            _start += drop;
            skipped += drop;
            if (skipped > _maxHeaderBytes)
                throw new DicomWebException($"no multipart boundary in the first {_maxHeaderBytes} bytes of the body");
            if (_eof)
                throw new DicomWebException(skipped == 0 && _end - _start <= 2 ? "the multipart body is empty" : "the multipart body has no boundary");
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask SkipBoundaryLineAsync(CancellationToken cancellationToken)
    {
        // After the boundary: optional transport padding (LWSP), then CRLF.
        int padding = 0;
        while (true)
        {
            if (!await EnsureAsync(1, cancellationToken).ConfigureAwait(false))
                throw Truncated("in a boundary line");
            byte b = _buffer[_start];
            if (b != ' ' && b != '\t') break;
            _start++;
            if (++padding > _maxHeaderBytes)
                throw new DicomWebException("a multipart boundary line is followed by too much padding");
        }
        if (!await EnsureAsync(2, cancellationToken).ConfigureAwait(false))
            throw Truncated("in a boundary line");
        if (_buffer[_start] != '\r' || _buffer[_start + 1] != '\n')
            throw new DicomWebException("malformed multipart boundary line: the boundary is not followed by CRLF or '--'");
        _start += 2;
    }

    private async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count && !_eof)
            await FillAsync(cancellationToken).ConfigureAwait(false);
        return _end - _start >= count;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            throw new DicomWebException("multipart reader buffer overflow");
        int n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (n == 0) _eof = true;
        else _end += n;
    }

    private static bool IsValidBoundary(string boundary)
    {
        if (boundary.Length is 0 or > MaxBoundaryLength || boundary[^1] == ' ') return false;
        foreach (char c in boundary)
        {
            // bchars: DIGIT / ALPHA / "'()+_,-./:=? " (RFC 2046 §5.1.1)
            if (!char.IsAsciiLetterOrDigit(c) && "'()+_,-./:=? ".IndexOf(c, StringComparison.Ordinal) < 0) return false;
        }
        return true;
    }

    private DicomWebException PartTooLarge(long size) =>
        new($"multipart part {_partNumber} is larger than the limit of {_maxPartBytes} bytes ({size} bytes or more)") { IsTooLarge = true };

    private static DicomWebException Truncated(string where) =>
        new($"the multipart body is truncated: it ended {where}");
}
