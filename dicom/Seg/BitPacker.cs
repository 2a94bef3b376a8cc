using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mosmos.Dicom.Seg;

/// <summary>
/// Packs 1-bit SEG frames (PS3.5 §8.1.1, PS3.3 C.8.20.2.1, CP-565): frames concatenated without padding, pixel
/// g = f·Rows·Columns + r·Columns + c at bit (g mod 8) of byte g/8 (first pixel in the least significant bit),
/// the whole value padded to even length. A vector compare turns 32 voxels into 32 bits at once, with no branch
/// per voxel. Byte-aligned frames (Rows·Columns a multiple of 8, e.g. 512×512) are packed in parallel; otherwise
/// frames share boundary bytes and are packed in order.
/// </summary>
internal static class BitPacker
{
    public static long PackedLength(long frameBits, int frames)
    {
        long bytes = (frameBits * frames + 7) / 8;
        return bytes + (bytes & 1);
    }

    /// <summary>Packs <c>label[slice] == value</c> for each frame, in frame order.</summary>
    public static byte[] Pack(LabelMap labels, IReadOnlyList<(int Slice, byte Value)> frames)
    {
        int frameBits = labels.SliceLength;
        long length = PackedLength(frameBits, frames.Count);
        if (length > Array.MaxLength)
            throw new InvalidOperationException($"{frames.Count} frames of {frameBits} bits exceed one Pixel Data value");
        var output = new byte[length];
        if (frameBits % 8 == 0)
        {
            Parallel.For(0, frames.Count, f =>
                PackFrame(labels.Slice(frames[f].Slice), frames[f].Value, output, (long)f * frameBits));
        }
        else
        {
            for (int f = 0; f < frames.Count; f++)
                PackFrame(labels.Slice(frames[f].Slice), frames[f].Value, output, (long)f * frameBits);
        }
        return output;
    }

    /// <summary>Writes one frame starting at <paramref name="bitOffset"/>, keeping the earlier bits of a shared first byte.</summary>
    internal static void PackFrame(ReadOnlySpan<byte> slice, byte value, Span<byte> output, long bitOffset)
    {
        int pos = checked((int)(bitOffset >> 3));
        int nbits = (int)(bitOffset & 7);
        ulong acc = nbits == 0 ? 0UL : output[pos] & ((1UL << nbits) - 1);
        ref byte src = ref MemoryMarshal.GetReference(slice);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var target = Vector256.Create(value);
            for (; i <= slice.Length - 32; i += 32)
            {
                uint mask = Vector256.Equals(Vector256.LoadUnsafe(ref src, (nuint)i), target).ExtractMostSignificantBits();
                acc |= (ulong)mask << nbits;
                BinaryPrimitives.WriteUInt32LittleEndian(output[pos..], (uint)acc);
                pos += 4;
                acc >>= 32;
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var target = Vector128.Create(value);
            for (; i <= slice.Length - 16; i += 16)
            {
                uint mask = Vector128.Equals(Vector128.LoadUnsafe(ref src, (nuint)i), target).ExtractMostSignificantBits();
                acc |= (ulong)mask << nbits;
                BinaryPrimitives.WriteUInt16LittleEndian(output[pos..], (ushort)acc);
                pos += 2;
                acc >>= 16;
            }
        }
        for (; i < slice.Length; i++)
        {
            acc |= (ulong)(slice[i] == value ? 1u : 0u) << nbits;
            if (++nbits == 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(output[pos..], acc);
                pos += 8;
                acc = 0;
                nbits = 0;
            }
        }
        for (; nbits > 0; nbits -= 8, acc >>= 8)
            output[pos++] = (byte)acc;
    }
}
