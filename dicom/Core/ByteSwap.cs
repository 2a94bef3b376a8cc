using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mosmos.Dicom;

/// <summary>Converts big-endian values to little-endian in place (PS3.5 §7.3); element size 1 is a no-op.</summary>
internal static class ByteSwap
{
    public static void InPlace(Span<byte> bytes, int elementSize)
    {
        switch (elementSize)
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(bytes[..(bytes.Length & ~1)]);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(bytes[..(bytes.Length & ~3)]);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(bytes[..(bytes.Length & ~7)]);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
        }
    }

    /// <summary>Element size to swap for a VR; AT is a pair of 16-bit numbers (group, element).</summary>
    public static int SizeFor(DicomVR vr)
    {
        if (vr == DicomVR.AT || vr == DicomVR.OW) return 2;
        if (vr == DicomVR.OF || vr == DicomVR.OL) return 4;
        if (vr == DicomVR.OD || vr == DicomVR.OV) return 8;
        return vr.BinaryElementSize is 0 ? 1 : vr.BinaryElementSize;
    }
}
