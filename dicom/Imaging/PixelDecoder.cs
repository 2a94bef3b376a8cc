using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Mosmos.Dicom.Imaging;

/// <summary>
/// Decodes native (uncompressed, little-endian) frames through a lookup table built once per pixel format:
/// every stored bit pattern (2⁸ or 2¹⁶) is mapped to its output value, so masking to BitsStored, sign
/// extension, MONOCHROME1 inversion and the rescale cost one table read per pixel (PS3.5 §8.1.1, PS3.3 C.7.6.3).
/// Float output from 16-bit frames, the common case, computes the same mapping with SIMD instead.
/// </summary>
internal sealed class PixelDecoder<T> where T : unmanaged, INumberBase<T>
{
    private readonly T[] _table;
    private readonly int _bytesPerPixel;
    private readonly PixelFormat _format;
    private readonly bool _invert;

    public PixelDecoder(PixelFormat format, bool invertMonochrome1)
    {
        _bytesPerPixel = format.BitsAllocated / 8;
        _format = format;
        _invert = format.Monochrome1 && invertMonochrome1;
        _table = new T[1 << format.BitsAllocated];
        int shift = format.HighBit + 1 - format.BitsStored;
        int mask = (1 << format.BitsStored) - 1;
        int signBit = 1 << (format.BitsStored - 1);
        bool invert = format.Monochrome1 && invertMonochrome1;
        bool floating = typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);
        for (int raw = 0; raw < _table.Length; raw++)
        {
            int stored = (raw >> shift) & mask;
            if (format.Signed && (stored & signBit) != 0) stored -= 1 << format.BitsStored;
            if (invert)
            {
                // Mirror the value within its own range: unsigned 0..2ⁿ−1 → 2ⁿ−1..0, signed −2ⁿ⁻¹..2ⁿ⁻¹−1 → reversed.
                stored = format.Signed ? -1 - stored : mask - stored;
            }
            double value = stored * format.RescaleSlope + format.RescaleIntercept;
            _table[raw] = floating ? T.CreateTruncating(value) : T.CreateSaturating(Math.Round(value, MidpointRounding.AwayFromZero));
        }
    }

    /// <summary>Decodes one frame into <paramref name="destination"/> (Rows × Columns values).</summary>
    public void Decode(ReadOnlySpan<byte> frame, Span<T> destination)
    {
        var table = _table;
        if (_bytesPerPixel == 1)
        {
            var bytes = frame[..destination.Length];
            for (int i = 0; i < bytes.Length; i++)
                destination[i] = table[bytes[i]];
            return;
        }
        if (typeof(T) == typeof(float) && BitConverter.IsLittleEndian && Vector.IsHardwareAccelerated)
        {
            DecodeFloat16(MemoryMarshal.Cast<byte, ushort>(frame)[..destination.Length], MemoryMarshal.Cast<T, float>(destination));
            return;
        }
        if (BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(frame)[..destination.Length];
            for (int i = 0; i < words.Length; i++)
                destination[i] = table[words[i]];
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = table[BinaryPrimitives.ReadUInt16LittleEndian(frame[(2 * i)..])];
    }

    /// <summary>
    /// The same mapping as the table, eight or sixteen pixels at a time: widen, shift and mask to the stored bits,
    /// sign-extend by an arithmetic shift, mirror for MONOCHROME1, then rescale in single precision.
    /// </summary>
    private void DecodeFloat16(ReadOnlySpan<ushort> words, Span<float> destination)
    {
        var f = _format;
        int shift = f.HighBit + 1 - f.BitsStored;
        int unused = 32 - f.BitsStored;
        var mask = new Vector<uint>((1u << f.BitsStored) - 1);
        var mirror = new Vector<int>(f.Signed ? -1 : (1 << f.BitsStored) - 1);
        var slope = new Vector<float>((float)f.RescaleSlope);
        var intercept = new Vector<float>((float)f.RescaleIntercept);
        int i = 0;
        for (; i <= words.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
        {
            Vector.Widen(new Vector<ushort>(words[i..]), out var low, out var high);
            Convert(low, destination[i..]);
            Convert(high, destination[(i + Vector<uint>.Count)..]);
        }
        var table = MemoryMarshal.Cast<T, float>(_table);
        for (; i < words.Length; i++) destination[i] = table[words[i]];

        void Convert(Vector<uint> raw, Span<float> output)
        {
            var stored = Vector.AsVectorInt32(Vector.ShiftRightLogical(raw, shift) & mask);
            if (f.Signed) stored = Vector.ShiftRightArithmetic(Vector.ShiftLeft(stored, unused), unused);
            if (_invert) stored = mirror - stored;
            (Vector.ConvertToSingle(stored) * slope + intercept).CopyTo(output);
        }
    }
}
