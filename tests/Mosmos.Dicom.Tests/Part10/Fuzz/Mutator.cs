using System.Buffers.Binary;

namespace Mosmos.Dicom.Tests.Part10.Fuzz;

/// <summary>
/// Structure-aware mutations of Part 10 files: bit flips, boundary bytes, hostile length fields, truncations at
/// element boundaries, duplicated and deleted ranges, splices of two files. Everything comes from one seeded
/// <see cref="Random"/>, so an iteration is reproduced from its seed alone.
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly byte[] BoundaryBytes = [0x00, 0xFF, 0x7F, 0x80];

    /// <summary>Undefined length, just below and above the signed and 1 GiB limits, odd, and 16-bit edges.</summary>
    private static readonly uint[] HostileLengths =
        [0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x7FFFFFF0, 0x80000000, 0x3FFFFFF0, 0x40000000, 0x00FFFFFF, 0x00010001, 0xFFFF, 0xFFFE, 0, 1, 3];

    /// <summary>Applies one to three mutations to a copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(byte[] input, byte[] other, List<string> log)
    {
        var bytes = input;
        int rounds = 1 + random.Next(3);
        for (int i = 0; i < rounds; i++)
            bytes = MutateOnce(bytes, other, log);
        return bytes;
    }

    private byte[] MutateOnce(byte[] input, byte[] other, List<string> log)
    {
        var bytes = (byte[])input.Clone();
        if (bytes.Length == 0) return bytes;
        switch (random.Next(9))
        {
            case 0:
                for (int n = 1 + random.Next(8); n > 0; n--)
                {
                    int at = random.Next(bytes.Length), bit = random.Next(8);
                    bytes[at] ^= (byte)(1 << bit);
                    log.Add($"flip bit {bit} at {at}");
                }
                return bytes;
            case 1:
                for (int n = 1 + random.Next(4); n > 0; n--)
                {
                    int at = PickNearHeader(bytes) + random.Next(12);
                    if (at >= bytes.Length) continue;
                    bytes[at] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
                    log.Add($"byte 0x{bytes[at]:X2} at {at}");
                }
                return bytes;
            case 2:
            case 3:
                return SetLength(bytes, log);
            case 4:
            {
                int at = random.Next(3) == 0 ? random.Next(bytes.Length) : Math.Min(bytes.Length, PickNearHeader(bytes) + random.Next(13));
                log.Add($"truncate at {at}");
                return bytes[..at];
            }
            case 5:
            {
                var (from, count) = PickRange(bytes.Length);
                int to = random.Next(bytes.Length + 1);
                log.Add($"duplicate {count} bytes from {from} to {to}");
                return [.. bytes.AsSpan(0, to), .. bytes.AsSpan(from, count), .. bytes.AsSpan(to)];
            }
            case 6:
            {
                var (from, count) = PickRange(bytes.Length);
                log.Add($"delete {count} bytes at {from}");
                return [.. bytes.AsSpan(0, from), .. bytes.AsSpan(from + count)];
            }
            case 7:
            {
                int head = PickNearHeader(bytes), tail = other.Length == 0 ? 0 : PickNearHeader(other);
                log.Add($"splice at {head} with the other file from {tail}");
                return [.. bytes.AsSpan(0, head), .. other.AsSpan(tail)];
            }
            default:
            {
                int at = PickNearHeader(bytes);
                var tag = new byte[] { 0xFE, 0xFF, (byte)(random.Next(2) == 0 ? 0x00 : 0xDD), 0xE0, 0, 0, 0, 0 };
                BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), HostileLengths[random.Next(HostileLengths.Length)]);
                log.Add($"insert item tag {Convert.ToHexString(tag)} at {at}");
                return [.. bytes.AsSpan(0, at), .. tag, .. bytes.AsSpan(at)];
            }
        }
    }

    /// <summary>Overwrites the length field of an element or item header with a hostile value.</summary>
    private byte[] SetLength(byte[] bytes, List<string> log)
    {
        int at = PickNearHeader(bytes);
        uint length = HostileLengths[random.Next(HostileLengths.Length)];
        if (at + 8 > bytes.Length) return bytes;
        bool explicitVR = char.IsAsciiLetterUpper((char)bytes[at + 4]) && char.IsAsciiLetterUpper((char)bytes[at + 5]);
        bool item = bytes[at] == 0xFE && bytes[at + 1] == 0xFF;
        if (explicitVR && !item && IsLongVR(bytes[at + 4], bytes[at + 5]))
        {
            if (at + 12 > bytes.Length) return bytes;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 8), length);
        }
        else if (explicitVR && !item)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 6), (ushort)length);
        }
        else
        {
            // Implicit VR, or an item: 32-bit length after the tag; big-endian files get it in their order too.
            if (random.Next(4) == 0) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 4), length);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), length);
        }
        log.Add($"length 0x{length:X8} at header {at}");
        return bytes;
    }

    private static bool IsLongVR(byte a, byte b) =>
        DicomVR.TryFromBytes(a, b, out var vr) ? vr.HasLongLength : true;

    /// <summary>An offset where an element or item header probably starts (found by its shape), else anywhere.</summary>
    private int PickNearHeader(byte[] bytes)
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int at = random.Next(bytes.Length) & ~1;
            if (at + 6 > bytes.Length) continue;
            bool vr = char.IsAsciiLetterUpper((char)bytes[at + 4]) && char.IsAsciiLetterUpper((char)bytes[at + 5]);
            bool item = bytes[at] == 0xFE && bytes[at + 1] == 0xFF && (bytes[at + 3] == 0xE0);
            bool lowGroup = bytes[at + 1] == 0 && bytes[at] is >= 0x02 and <= 0x7F && bytes[at] % 2 == 0;
            if (vr || item || (lowGroup && attempt > 32)) return at;
        }
        return random.Next(bytes.Length);
    }

    private (int From, int Count) PickRange(int length)
    {
        int from = random.Next(length);
        int count = Math.Min(length - from, random.Next(4) == 0 ? random.Next(length) : 1 + random.Next(64));
        return (from, count);
    }
}
