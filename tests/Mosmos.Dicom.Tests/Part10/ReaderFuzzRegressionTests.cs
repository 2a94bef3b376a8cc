using System.Buffers.Binary;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>Inputs the fuzz test found, shrunk to the bytes that matter; each names what went wrong before the fix.</summary>
public sealed class ReaderFuzzRegressionTests
{
    /// <summary>An element header in Explicit VR LE: tag, VR, 32-bit length (for OB/UN/…) or 16-bit length.</summary>
    private static byte[] Element(ushort group, ushort element, string vr, uint length, params byte[] value)
    {
        bool longLength = DicomVR.TryParse(vr, out var v) && v.HasLongLength;
        var header = new byte[longLength ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longLength) BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), length);
        else BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)length);
        return [.. header, .. value];
    }

    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_length_under_the_element_limit_but_past_the_end_is_not_allocated()
    {
        // (0010,0020) OB claiming 0x3FFFFFF0 bytes (just under the 1 GiB limit) with 4 bytes behind it: the reader
        // allocated the whole 1 GiB before finding the data missing.
        var bytes = Element(0x0010, 0x0020, "OB", 0x3FFFFFF0, 1, 2, 3, 4);
        DicomFormatException? e = null;
        long allocated = AllocatedBy(() => e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes)));
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        Assert.Equal(new DicomTag(0x0010, 0x0020), e!.Tag);
    }

    [Fact]
    public void A_length_past_the_end_of_a_non_seekable_stream_is_not_allocated()
    {
        var bytes = Element(0x0010, 0x0020, "OB", 0x3FFFFFF0, 1, 2, 3, 4);
        using var stream = new ForwardOnlyStream(bytes);
        long allocated = AllocatedBy(() => Assert.Throws<DicomFormatException>(() => DicomFile.Read(stream)));
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_header_cut_short_in_the_reserved_bytes_of_a_long_VR_is_a_format_error()
    {
        // Tag and "OB", then the end: the reader skipped the 2 reserved bytes without having them, and the next
        // read failed inside Buffer.BlockCopy with ArgumentOutOfRangeException. Found in a meta group cut at 150 bytes.
        byte[] bytes = [0x10, 0x00, 0x20, 0x00, (byte)'O', (byte)'B'];
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
        Assert.Equal(4, e.Offset);

        byte[] meta = [.. new byte[128], .. "DICM"u8, 0x02, 0x00, 0x01, 0x00, (byte)'O', (byte)'B', 0x00];
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(meta));
    }

    /// <summary>A network-like stream: no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
