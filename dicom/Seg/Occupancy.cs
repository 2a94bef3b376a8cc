using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mosmos.Dicom.Seg;

/// <summary>
/// One pass over a label map: a histogram of label values per slice (256 counts per slice). It decides which
/// frames a SEG holds and gives every segment's voxel count. Background-only 32-byte blocks are skipped with one
/// vector compare, so the pass costs little more than reading the memory once; slices run in parallel.
/// </summary>
internal static class Occupancy
{
    public const int Values = 256;

    /// <summary>Counts indexed <c>slice · 256 + value</c>.</summary>
    public static int[] Histogram(LabelMap labels)
    {
        var counts = new int[labels.Slices * Values];
        var voxels = labels.Voxels;
        int length = labels.SliceLength;
        Parallel.For(0, labels.Slices, k =>
            CountSlice(voxels.AsSpan(k * length, length), counts.AsSpan(k * Values, Values)));
        return counts;
    }

    /// <summary>Voxels of <paramref name="value"/> over all slices.</summary>
    public static long Total(int[] histogram, int slices, byte value)
    {
        long total = 0;
        for (int k = 0; k < slices; k++) total += histogram[k * Values + value];
        return total;
    }

    private static void CountSlice(ReadOnlySpan<byte> slice, Span<int> counts)
    {
        ref byte start = ref MemoryMarshal.GetReference(slice);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= slice.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                if (Vector256.LoadUnsafe(ref start, (nuint)i) == Vector256<byte>.Zero) continue;
                CountScalar(slice.Slice(i, Vector256<byte>.Count), counts);
            }
        }
        CountScalar(slice[i..], counts);
        // Skipped blocks were background: derive the zero count instead of counting it.
        int nonZero = 0;
        for (int v = 1; v < Values; v++) nonZero += counts[v];
        counts[0] = slice.Length - nonZero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountScalar(ReadOnlySpan<byte> block, Span<int> counts)
    {
        foreach (var v in block) counts[v]++;
    }
}
