using System.Buffers.Binary;
using System.IO.Compression;
using Mosmos.Datasets.Rendering;

namespace Mosmos.Datasets.Tests.Rendering;

public sealed class PngWriterTests
{
    [Fact]
    public void WritesSignatureHeaderPixelsAndTheStandardIendCrc()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "a.png");
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9];
        PngWriter.Write(path, 2, 2, rgb);
        var png = File.ReadAllBytes(path);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, png[24..29]);              // 8-bit truecolour, no interlace
        // IEND's CRC is the same in every PNG (PNG spec, CRC over the chunk type only).
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]);

        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var z = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 9, 9, 9 }, raw.ToArray());
    }
}
