using System.Buffers.Binary;

namespace Mosmos.Dicom.Seg;

public sealed partial class Segmentation
{
    /// <summary>
    /// Decodes frame <paramref name="index"/> into one byte per pixel: 1/0 for BINARY (bits packed across frame
    /// boundaries, first pixel in the least significant bit, PS3.5 §8.1.1), 1/0 after the threshold for
    /// FRACTIONAL, the segment number for LABELMAP.
    /// </summary>
    public void DecodeFrame(int index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Frames.Count);
        int n = Rows * Columns;
        if (destination.Length < n) throw new ArgumentException($"the destination needs {n} bytes", nameof(destination));
        var pixels = _pixels.Span;
        switch (Type)
        {
            case SegmentationType.Binary:
                UnpackBits(pixels, (long)index * n, destination[..n]);
                break;
            case SegmentationType.Fractional:
                var frame = pixels.Slice(index * n, n);
                int threshold = Math.Max(1, (int)Math.Ceiling(_options.FractionalThreshold * MaximumFractionalValue));
                for (int i = 0; i < n; i++) destination[i] = frame[i] >= threshold ? (byte)1 : (byte)0;
                break;
            case SegmentationType.LabelMap when BitsAllocated == 8:
                pixels.Slice(index * n, n).CopyTo(destination);
                break;
            default:
                var words = pixels.Slice(index * n * 2, n * 2);
                for (int i = 0; i < n; i++)
                {
                    ushort v = BinaryPrimitives.ReadUInt16LittleEndian(words[(i * 2)..]);
                    destination[i] = v <= byte.MaxValue ? (byte)v
                        : throw new DicomFormatException($"LABELMAP value {v} in frame {index + 1} exceeds a byte label map", -1, DicomTags.PixelData);
                }
                break;
        }
    }

    /// <summary>FRACTIONAL only: the stored values (0..<see cref="MaximumFractionalValue"/>) of frame
    /// <paramref name="index"/>, not thresholded.</summary>
    public void DecodeFractionalFrame(int index, Span<byte> destination)
    {
        if (Type != SegmentationType.Fractional) throw new InvalidOperationException($"a {Type} segmentation has no fractional values");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Frames.Count);
        int n = Rows * Columns;
        if (destination.Length < n) throw new ArgumentException($"the destination needs {n} bytes", nameof(destination));
        _pixels.Span.Slice(index * n, n).CopyTo(destination);
    }

    /// <summary>Bits g = start … start + n − 1 of the packed value, LSB first.</summary>
    internal static void UnpackBits(ReadOnlySpan<byte> packed, long start, Span<byte> destination)
    {
        int i = 0;
        long g = start;
        // Walk to a byte boundary, then expand whole bytes.
        for (; i < destination.Length && (g & 7) != 0; i++, g++)
            destination[i] = (byte)((packed[(int)(g >> 3)] >> (int)(g & 7)) & 1);
        int pos = (int)(g >> 3);
        for (; i + 8 <= destination.Length; i += 8, pos++)
        {
            int b = packed[pos];
            if (b == 0)
            {
                destination.Slice(i, 8).Clear();
                continue;
            }
            for (int bit = 0; bit < 8; bit++) destination[i + bit] = (byte)((b >> bit) & 1);
        }
        for (int bit = 0; i < destination.Length; i++, bit++)
            destination[i] = (byte)((packed[pos] >> bit) & 1);
    }
}
