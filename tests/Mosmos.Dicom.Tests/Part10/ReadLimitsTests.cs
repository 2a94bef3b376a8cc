using System.Buffers.Binary;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>Deferred values and hard limits: a header read never reads pixels; hostile lengths and depths fail cleanly.</summary>
public sealed class ReadLimitsTests
{
    private static DicomDataset LargeImage(int pixelBytes) => new DicomDataset()
        .SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7")
        .SetString(DicomTags.SopInstanceUid, DicomVR.UI, DicomUid.Generate())
        .SetString(DicomTags.PatientId, DicomVR.LO, "P1")
        .SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[pixelBytes]);

    [Fact]
    public void A_header_read_of_a_large_file_reads_no_pixels()
    {
        using var temp = new TempDirectory();
        var path = temp.NewFile("large.dcm");
        DicomWriter.Write(path, LargeImage(32 << 20));

        using (var counting = new CountingStream(File.OpenRead(path)))
        {
            var file = DicomFile.Read(counting, new DicomReadOptions { StopBeforePixelData = true });
            Assert.True(file.StoppedBeforePixelData);
            Assert.Equal("P1", file.Dataset.GetString(DicomTags.PatientId));
            Assert.True(counting.BytesRead < 1 << 20, $"{counting.BytesRead} bytes read for a header");
        }

        var deferred = DicomFile.Open(path);
        var pixels = Assert.IsType<DicomElement>(deferred.Dataset[DicomTags.PixelData]);
        Assert.True(pixels.IsDeferred);
        Assert.Equal(32 << 20, pixels.Length);
        Assert.Equal(32 << 20, pixels.Value.Length);
        Assert.False(pixels.IsDeferred);
    }

    [Fact]
    public void Element_length_and_depth_limits_give_offset_and_tag()
    {
        var bytes = DicomWriter.ToBytes(LargeImage(1 << 16));
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes, new DicomReadOptions { MaxElementLength = 1000 }));
        Assert.Equal(DicomTags.PixelData, e.Tag);
        Assert.True(e.Offset > 132);

        var nested = new DicomDataset();
        for (int i = 0; i < 10; i++) nested = new DicomDataset().SetSequence(DicomTags.ReferencedImageSequence, nested);
        nested.SetString(DicomTags.SopClassUid, DicomVR.UI, "1.2.3").SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.3.4");
        var deep = Assert.Throws<DicomFormatException>(() => DicomFile.Read(DicomWriter.ToBytes(nested), new DicomReadOptions { MaxDepth = 5 }));
        Assert.Equal(DicomTags.ReferencedImageSequence, deep.Tag);
    }

    [Fact]
    public void A_length_past_the_end_of_the_file_is_a_format_error()
    {
        var bytes = DicomWriter.ToBytes(LargeImage(64));
        // Make the Pixel Data length claim more bytes than the file has.
        int at = bytes.Length - 64 - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), 1_000_000);
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
        Assert.Equal(DicomTags.PixelData, e.Tag);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
