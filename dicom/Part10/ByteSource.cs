using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace Mosmos.Dicom;

/// <summary>
/// A forward reader over a stream with a pooled window buffer. Tracks the absolute position for error messages
/// and can skip by seeking, so large values of a file are never read when they are deferred.
/// </summary>
internal sealed class ByteSource : IDisposable
{
    private const int WindowSize = 16 * 1024;

    /// <summary>First allocation for a value whose bytes a forward-only stream has not delivered yet.</summary>
    private const int UnprovenChunk = 1 << 20;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _pos;
    private int _len;
    private long _windowStart;

    public ByteSource(Stream stream, string? filePath, long startPosition = 0)
    {
        _stream = stream;
        FilePath = filePath;
        _buffer = ArrayPool<byte>.Shared.Rent(WindowSize);
        _windowStart = startPosition;
    }

    /// <summary>Set when the stream is a plain file whose offsets match <see cref="Position"/>: enables deferred values.</summary>
    public string? FilePath { get; }

    public bool BigEndian { get; set; }

    public long Position => _windowStart + _pos;

    /// <summary>Makes at least <paramref name="count"/> bytes available; false at end of stream.</summary>
    public bool TryEnsure(int count)
    {
        if (_len - _pos >= count) return true;
        if (count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(count);
            Buffer.BlockCopy(_buffer, _pos, bigger, 0, _len - _pos);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
        }
        _windowStart += _pos;
        _len -= _pos;
        _pos = 0;
        while (_len < count)
        {
            int n = _stream.Read(_buffer, _len, _buffer.Length - _len);
            if (n == 0) return false;
            _len += n;
        }
        return true;
    }

    public bool AtEnd => !TryEnsure(1);

    public ReadOnlySpan<byte> Peek(int count)
    {
        if (!TryEnsure(count)) ThrowHelper.Truncated(Position);
        return _buffer.AsSpan(_pos, count);
    }

    /// <summary>Moves past bytes already made available by <see cref="TryEnsure"/> or <see cref="Peek"/>.</summary>
    public void Advance(int count)
    {
        Debug.Assert(_len - _pos >= count, "advanced past the buffered bytes");
        _pos += count;
    }

    public ushort ReadUInt16()
    {
        var s = Peek(2);
        _pos += 2;
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint ReadUInt32()
    {
        var s = Peek(4);
        _pos += 4;
        return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a new array.</summary>
    /// <remarks>
    /// The count comes from an untrusted length field. A seekable stream must hold the bytes before they are
    /// allocated; otherwise the array grows as bytes arrive, so a hostile length costs no more memory than the
    /// input really has (a 1 GiB claim in a 1 KiB input must not allocate 1 GiB).
    /// </remarks>
    public byte[] ReadBytes(int count, DicomTag tag)
    {
        int buffered = _len - _pos;
        bool proven = count <= buffered;
        if (!proven && _stream.CanSeek)
        {
            if (_stream.Length - _stream.Position < count - buffered)
                ThrowHelper.Format($"value of {count} bytes runs past the end of the data", Position, tag);
            proven = true;
        }
        var result = GC.AllocateUninitializedArray<byte>(proven ? count : Math.Min(count, Math.Max(buffered, UnprovenChunk)));
        int copied = Math.Min(count, buffered);
        Buffer.BlockCopy(_buffer, _pos, result, 0, copied);
        _pos += copied;
        while (copied < count)
        {
            if (copied == result.Length) Array.Resize(ref result, (int)Math.Min(count, 2L * result.Length));
            // Large values go straight from the stream into the result, bypassing the window.
            int n = _stream.Read(result, copied, result.Length - copied);
            if (n == 0) ThrowHelper.Format($"value of {count} bytes is truncated after {copied}", Position, tag);
            copied += n;
            _windowStart += n;
        }
        return result;
    }

    /// <summary>Skips bytes, seeking when the stream allows it.</summary>
    public void Skip(long count, DicomTag tag)
    {
        long inWindow = Math.Min(count, _len - _pos);
        _pos += (int)inWindow;
        long rest = count - inWindow;
        if (rest == 0) return;
        long target = Position + rest;
        if (_stream.CanSeek)
        {
            if (target > _stream.Length) ThrowHelper.Format($"value of {count} bytes runs past the end of the data", Position, tag);
            _stream.Seek(rest, SeekOrigin.Current);
        }
        else
        {
            var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                for (long left = rest; left > 0;)
                {
                    int n = _stream.Read(scratch, 0, (int)Math.Min(left, scratch.Length));
                    if (n == 0) ThrowHelper.Truncated(target - left, tag);
                    left -= n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
        _windowStart = target;
        _pos = _len = 0;
    }

    /// <summary>The rest of the stream after the bytes already buffered (used to switch to a deflated stream).</summary>
    public Stream RemainingStream()
    {
        var buffered = new MemoryStream(_buffer, _pos, _len - _pos, writable: false);
        return new ConcatStream(buffered, _stream);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
