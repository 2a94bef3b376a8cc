namespace Mosmos.Dicom;

/// <summary>Fails once more than a set number of bytes were read: the guard against deflate bombs.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n;
        try
        {
            n = inner.Read(buffer, offset, count);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("the deflated data set is corrupt: " + e.Message, _read, null, e);
        }
        _read += n;
        if (_read > limit)
            throw new DicomFormatException($"the deflated data set inflates beyond the limit of {limit} bytes", _read, null);
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
