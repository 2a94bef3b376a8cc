using System.IO.Compression;
using Mosmos.Dicom.Tests.Part10.Fuzz;

namespace Mosmos.Dicom.Tests.Part10;

/// <summary>
/// Deflated Explicit VR Little Endian (PS3.5 §A.5): mutated data sets deflated again (so the mutation reaches the
/// parser, not just the inflater), corrupt deflate streams, and decompression bombs against MaxInflatedBytes.
/// </summary>
public sealed class ReaderFuzzDeflateTests
{
    [Fact]
    public void Mutated_deflated_data_sets_parse_or_throw_DicomFormatException()
    {
        int iterations = FuzzRun.Iterations(ciDefault: 6000) / 10;
        var files = FuzzCorpus.Files.Where(f => f.Bytes.Length > 132 && f.Bytes.AsSpan(128, 4).SequenceEqual("DICM"u8)).ToList();
        var failures = FuzzRun.Execute(Cases(iterations, files), bytes => ReaderFuzzTests.ParseAllWays(bytes, viaFile: false), out _);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n\n" + string.Join("\n\n", failures.Take(10)));
    }

    private static IEnumerable<FuzzRun.Case> Cases(int iterations, List<(string Name, byte[] Bytes)> files)
    {
        for (int i = 0; i < iterations; i++)
        {
            var random = new Random(HashCode.Combine(FuzzRun.Seed, "deflate", i));
            var (name, bytes) = files[random.Next(files.Count)];
            var log = new List<string>();
            var body = bytes.AsSpan(MetaEnd(bytes)).ToArray();
            if (random.Next(4) == 0)
            {
                // Corrupt the compressed stream itself: the inflater's errors must surface as format errors.
                var deflated = Deflated(body);
                yield return new FuzzRun.Case($"{name} deflated #{i}", new Mutator(random).Mutate(deflated, deflated, log), log);
            }
            else
            {
                var mutated = new Mutator(random).Mutate(body, files[random.Next(files.Count)].Bytes, log);
                yield return new FuzzRun.Case($"{name} body #{i}", Deflated(mutated), log);
            }
        }
    }

    [Fact]
    public void A_deflate_bomb_fails_at_MaxInflatedBytes_without_inflating_it()
    {
        // 64 MiB of zeros in one OB value deflates to about 64 KiB.
        var dataset = new DicomDataset()
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.3.4")
            .SetBytes(DicomTags.PixelData, DicomVR.OB, new byte[64 << 20]);
        using var body = new MemoryStream();
        DicomWriter.WriteDataset(body, dataset);
        var bomb = Deflated(body.ToArray(), CompressionLevel.SmallestSize);
        Assert.True(bomb.Length < 1 << 20, $"the bomb is {bomb.Length} bytes");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bomb, new DicomReadOptions { MaxInflatedBytes = 4 << 20 }));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("inflates beyond", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_deflated_length_beyond_the_inflated_data_is_not_allocated()
    {
        // A tiny deflated data set whose only element claims almost 1 GiB: the reader must not allocate it up front.
        var body = new byte[] { 0x10, 0x00, 0x20, 0x00, (byte)'O', (byte)'B', 0, 0, 0xF0, 0xFF, 0xFF, 0x3F, 1, 2, 3, 4 };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(Deflated(body)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, e.Message);
    }

    /// <summary>Preamble, DICM and a meta group declaring the deflated syntax, then the raw-deflated data set.</summary>
    internal static byte[] Deflated(byte[] dataset, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        var meta = new DicomDataset()
            .SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7")
            .SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, "1.2.3.4")
            .SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, TransferSyntax.DeflatedExplicitVRLittleEndian.Uid);
        DicomWriter.WriteDataset(output, meta);
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
            deflate.Write(dataset);
        return output.ToArray();
    }

    /// <summary>Where the meta group of a Part 10 file ends (after 128 + 4 bytes, while the group is 0002).</summary>
    private static int MetaEnd(byte[] bytes)
    {
        int at = 132;
        while (at + 8 <= bytes.Length && bytes[at] == 0x02 && bytes[at + 1] == 0x00)
        {
            bool longLength = DicomVR.TryFromBytes(bytes[at + 4], bytes[at + 5], out var vr) && vr.HasLongLength;
            long length = longLength && at + 12 <= bytes.Length ? BitConverter.ToUInt32(bytes, at + 8) : BitConverter.ToUInt16(bytes, at + 6);
            long next = at + (longLength ? 12 : 8) + length;
            if (next > bytes.Length) break;
            at = (int)next;
        }
        return at;
    }
}
