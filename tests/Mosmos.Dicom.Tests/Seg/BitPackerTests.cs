using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

public sealed class BitPackerTests
{
    /// <summary>The definition of PS3.5 §8.1.1 / CP-565, one bit at a time: the oracle for the fast packer.</summary>
    private static byte[] Reference(LabelMap map, List<(int Slice, byte Value)> frames)
    {
        int n = map.SliceLength;
        long bytes = ((long)n * frames.Count + 7) / 8;
        var output = new byte[bytes + (bytes & 1)];
        for (int f = 0; f < frames.Count; f++)
        {
            var slice = map.Slice(frames[f].Slice);
            for (int i = 0; i < n; i++)
            {
                long g = (long)f * n + i;
                if (slice[i] == frames[f].Value) output[g >> 3] |= (byte)(1 << (int)(g & 7));
            }
        }
        return output;
    }

    [Theory]
    [InlineData(5, 5, 3)]     // 25-bit frames: every frame starts mid-byte
    [InlineData(13, 7, 6)]    // 91 bits
    [InlineData(37, 41, 4)]   // vector loop plus odd tail
    [InlineData(64, 64, 5)]   // byte-aligned: packed in parallel
    [InlineData(512, 3, 2)]
    public void Packs_like_the_bit_by_bit_definition(int columns, int rows, int slices)
    {
        var map = SegFixtures.Random(columns, rows, slices, labels: 3);
        var frames = new List<(int, byte)>();
        for (byte v = 1; v <= 3; v++)
        {
            for (int k = 0; k < slices; k++) frames.Add((k, v));
        }
        Assert.Equal(Reference(map, frames), BitPacker.Pack(map, frames));
    }

    [Fact]
    public void Unpacking_returns_every_frame_of_an_odd_size()
    {
        var map = SegFixtures.Random(13, 7, 5, labels: 1);
        var frames = Enumerable.Range(0, 5).Select(k => (k, (byte)1)).ToArray();
        var packed = BitPacker.Pack(map, frames);
        var frame = new byte[map.SliceLength];
        for (int k = 0; k < 5; k++)
        {
            Segmentation.UnpackBits(packed, (long)k * map.SliceLength, frame);
            Assert.Equal(map.Slice(k).ToArray(), frame);
        }
    }

    [Fact]
    public void Length_is_the_contiguous_bit_count_rounded_to_even_bytes()
    {
        Assert.Equal(10, BitPacker.PackedLength(25, 3));     // 75 bits → 10 bytes (dicom-seg-sr.md §1.6)
        Assert.Equal(4, BitPacker.PackedLength(25, 1));      // 25 bits → 4 bytes
        Assert.Equal(32768, BitPacker.PackedLength(512 * 512, 1));
    }
}
