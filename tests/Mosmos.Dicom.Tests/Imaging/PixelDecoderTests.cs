using System.Runtime.InteropServices;
using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>The vectorised float path agrees with the lookup table on every 16-bit pattern.</summary>
public sealed class PixelDecoderTests
{
    public static TheoryData<int, int, bool, bool, double, double> Formats => new()
    {
        { 16, 15, false, false, 1, -1024 },
        { 16, 15, true, false, 1, 0 },
        { 12, 11, false, false, 1, -1024 },
        { 12, 11, true, false, 2.5, -3 },
        { 12, 13, true, true, 1, 0 },
        { 10, 9, false, true, 0.001, 7 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Vector_and_table_paths_agree(int bitsStored, int highBit, bool isSigned, bool monochrome1, double slope, double intercept)
    {
        var format = new PixelFormat(256, 256, 16, bitsStored, highBit, isSigned, monochrome1, slope, intercept);
        var every = new ushort[65536];
        for (int i = 0; i < every.Length; i++) every[i] = (ushort)i;
        var frame = MemoryMarshal.AsBytes(every.AsSpan());
        var vector = new float[65536];
        var table = new double[65536];

        new PixelDecoder<float>(format, invertMonochrome1: true).Decode(frame, vector);
        new PixelDecoder<double>(format, invertMonochrome1: true).Decode(frame, table);

        for (int i = 0; i < every.Length; i++)
            Assert.True(Math.Abs(vector[i] - table[i]) <= 1e-6 * Math.Max(1, Math.Abs(table[i])), $"raw {i}: {vector[i]} vs {table[i]}");
    }
}
