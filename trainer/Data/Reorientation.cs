using Mosmos.Datasets;

namespace Mosmos.Trainer.Data;

/// <summary>
/// The axis permutation and flips that put a dataset volume (voxel axes in acquisition order, any patient
/// position, any slice order) onto the patient axes: x towards the patient's left, y posterior, z superior
/// (DICOM LPS). Every MOSMOS model sees its input this way — the worker resamples onto the same axes — so left and
/// right organs are told apart by where they lie, not guessed from a mirrored anatomy. Voxels are only reordered
/// (the nearest axis is taken for slightly oblique directions); arrays are x fastest.
/// </summary>
public sealed class Reorientation
{
    // Per output axis p: the source axis that feeds it and whether it runs backwards.
    private readonly int[] _sourceAxis;
    private readonly bool[] _reversed;

    private Reorientation(int[] sourceSize, double[] sourceSpacing, int[] sourceAxis, bool[] reversed)
    {
        SourceSize = sourceSize;
        _sourceAxis = sourceAxis;
        _reversed = reversed;
        Size = [.. sourceAxis.Select(a => sourceSize[a])];
        SpacingMm = [.. sourceAxis.Select(a => sourceSpacing[a])];
    }

    /// <summary>Size (x, y, z) of the volume as stored.</summary>
    public int[] SourceSize { get; }

    /// <summary>Size (L, P, S) after reorientation.</summary>
    public int[] Size { get; }

    /// <summary>Spacing in mm along L, P, S.</summary>
    public double[] SpacingMm { get; }

    /// <summary>True when the stored order already is L, P, S.</summary>
    public bool IsIdentity => _sourceAxis.SequenceEqual([0, 1, 2]) && !_reversed.Any(r => r);

    /// <summary>The reorientation of a dataset case from its <c>directionAndOrigin</c> matrix.</summary>
    /// <exception cref="DatasetFormatException">The voxel axes are not close to distinct patient axes.</exception>
    public static Reorientation Of(DatasetCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var m = c.DirectionAndOrigin;
        var sourceAxis = new int[3];
        var reversed = new bool[3];
        var used = new bool[3];
        for (var a = 0; a < 3; a++)
        {
            // Column a of the 4×4 row-major matrix is voxel axis a in patient coordinates (times its spacing).
            var p = Enumerable.Range(0, 3).MaxBy(row => Math.Abs(m[row * 4 + a]));
            if (used[p] || m[p * 4 + a] == 0)
                throw new DatasetFormatException(c.Id, "directionAndOrigin: the voxel axes do not map onto distinct patient axes");
            used[p] = true;
            sourceAxis[p] = a;
            reversed[p] = m[p * 4 + a] < 0;
        }
        return new Reorientation(c.Size, c.SpacingMm, sourceAxis, reversed);
    }

    /// <summary>Stored order → L, P, S order.</summary>
    public T[] Apply<T>(ReadOnlySpan<T> stored)
    {
        var result = new T[Length(stored.Length)];
        var (ox, oy, oz) = Offsets();
        long o = 0;
        for (var k = 0; k < Size[2]; k++)
            for (var j = 0; j < Size[1]; j++)
                for (var i = 0; i < Size[0]; i++) result[o++] = stored[(int)(ox[i] + oy[j] + oz[k])];
        return result;
    }

    /// <summary>L, P, S order → stored order (the inverse of <see cref="Apply{T}"/>).</summary>
    public T[] Invert<T>(ReadOnlySpan<T> reoriented)
    {
        var result = new T[Length(reoriented.Length)];
        var (ox, oy, oz) = Offsets();
        long o = 0;
        for (var k = 0; k < Size[2]; k++)
            for (var j = 0; j < Size[1]; j++)
                for (var i = 0; i < Size[0]; i++) result[ox[i] + oy[j] + oz[k]] = reoriented[(int)o++];
        return result;
    }

    private long Length(int given)
    {
        long n = (long)SourceSize[0] * SourceSize[1] * SourceSize[2];
        if (given != n) throw new ArgumentException($"expected {n} voxels, got {given}");
        return n;
    }

    // Offsets into the stored array contributed by each output coordinate, one table per output axis.
    private (long[] X, long[] Y, long[] Z) Offsets()
    {
        long[] strides = [1, SourceSize[0], (long)SourceSize[0] * SourceSize[1]];
        long[] Table(int p)
        {
            var a = _sourceAxis[p];
            var n = SourceSize[a];
            return [.. Enumerable.Range(0, n).Select(i => (_reversed[p] ? n - 1 - i : i) * strides[a])];
        }
        return (Table(0), Table(1), Table(2));
    }
}
