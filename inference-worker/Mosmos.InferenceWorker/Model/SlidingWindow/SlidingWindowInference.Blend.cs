using System.Numerics.Tensors;

namespace Mosmos.InferenceWorker.Model.SlidingWindow;

/// <summary>Patch extraction, weighted accumulation and argmax: the per-voxel loops, row by row over x.</summary>
internal sealed partial class SlidingWindowInference
{
    /// <summary>
    /// Buffers of one call, allocated once and reused for every batch. The accumulator is a window of
    /// <see cref="Depth"/> slices starting at volume slice <see cref="WindowZ"/>: patches arrive in z order, so
    /// slices below the next patch's start are final, get their argmax, and the window slides down.
    /// </summary>
    private sealed class State(Extent3 shape, Extent3 patch, int batch)
    {
        public Extent3 Shape { get; } = shape;
        public Extent3 Patch { get; } = patch;
        public int Batch { get; } = batch;
        public int PatchVoxels { get; } = checked(patch.Z * patch.Y * patch.X);
        public byte[] Input { get; } = new byte[checked(batch * patch.Z * patch.Y * patch.X * sizeof(float))];
        public List<Extent3> Origins { get; } = new(batch);
        public float[] WeightZ { get; } = GaussianImportance.Axis(patch.Z);
        public float[] WeightY { get; } = GaussianImportance.Axis(patch.Y);
        public float[] WeightX { get; } = GaussianImportance.Axis(patch.X);
        public float[] RowWeights { get; } = new float[patch.X];
        public float[] Row { get; } = new float[patch.X];
        public byte[] Labels { get; } = new byte[shape.Voxels];
        public int Depth { get; } = Math.Min(patch.Z, shape.Z);
        public int SliceVoxels { get; } = shape.Y * shape.X;
        public int WindowZ { get; set; }
        public int Classes { get; private set; }
        public float[] Sums { get; private set; } = [];
        public AttentionMaps? Attention { get; init; }

        public void EnsureAccumulator(int classes)
        {
            if (Classes != 0)
                return;
            var length = (long)classes * Depth * SliceVoxels;
            if (length > Array.MaxLength)
                throw new InvalidOperationException($"{classes} classes × {Depth} slices × {SliceVoxels} voxels exceed one accumulator array; resample the volume coarser");
            Classes = classes;
            Sums = new float[length];
        }
    }

    private static void ExtractPatch(ReadOnlySpan<float> volume, Extent3 shape, Extent3 origin, Extent3 patch, Span<float> destination)
    {
        var width = Math.Min(patch.X, shape.X - origin.X);
        for (var z = 0; z < patch.Z; z++)
        {
            var vz = origin.Z + z;
            for (var y = 0; y < patch.Y; y++)
            {
                var vy = origin.Y + y;
                var row = destination.Slice((z * patch.Y + y) * patch.X, patch.X);
                if (vz >= shape.Z || vy >= shape.Y)
                {
                    row.Clear();
                    continue;
                }
                volume.Slice((vz * shape.Y + vy) * shape.X + origin.X, width).CopyTo(row);
                row[width..].Clear();
            }
        }
    }

    private static void Accumulate(State state, Extent3 origin, ReadOnlySpan<float> probabilities) =>
        Accumulate(state, origin, probabilities, static (source, _) => source);

    /// <summary>FP16 probabilities: each row is widened into <see cref="State.Row"/> before it is weighted.</summary>
    private static void Accumulate(State state, Extent3 origin, ReadOnlySpan<Half> probabilities) =>
        Accumulate(state, origin, probabilities, static (source, row) =>
        {
            TensorPrimitives.ConvertToSingle(source, row);
            return row;
        });

    private delegate ReadOnlySpan<float> Widen<T>(ReadOnlySpan<T> source, Span<float> row);

    private static void Accumulate<T>(State state, Extent3 origin, ReadOnlySpan<T> probabilities, Widen<T> widen)
    {
        if (origin.Z > state.WindowZ)
            Finish(state, origin.Z);
        var shape = state.Shape;
        var patch = state.Patch;
        var plane = state.Depth * state.SliceVoxels;
        var width = Math.Min(patch.X, shape.X - origin.X);
        var rowWeights = state.RowWeights.AsSpan(0, width);
        var row = state.Row.AsSpan(0, width);
        for (var z = 0; z < patch.Z && origin.Z + z < shape.Z; z++)
        {
            for (var y = 0; y < patch.Y && origin.Y + y < shape.Y; y++)
            {
                TensorPrimitives.Multiply(state.WeightX.AsSpan(0, width), state.WeightZ[z] * state.WeightY[y], rowWeights);
                var target = ((origin.Z - state.WindowZ + z) * shape.Y + origin.Y + y) * shape.X + origin.X;
                var source = (z * patch.Y + y) * patch.X;
                for (var c = 0; c < state.Classes; c++)
                {
                    var sums = state.Sums.AsSpan(c * plane + target, width);
                    TensorPrimitives.MultiplyAdd(widen(probabilities.Slice(c * state.PatchVoxels + source, width), row), rowWeights, sums, sums);
                }
            }
        }
    }

    /// <summary>
    /// Argmax of volume slices [WindowZ, end) into the label map, then slides the window to start at
    /// <paramref name="end"/>. A class wins only when strictly larger, so ties go to the lower label.
    /// </summary>
    private static void Finish(State state, int end)
    {
        var plane = state.Depth * state.SliceVoxels;
        var count = (end - state.WindowZ) * state.SliceVoxels;
        var labels = state.Labels.AsSpan(state.WindowZ * state.SliceVoxels, count);
        // Class 0's finished slices become the running maximum; they are discarded by the slide below.
        var best = state.Sums.AsSpan(0, count);
        for (var c = 1; c < state.Classes; c++)
        {
            var sums = state.Sums.AsSpan(c * plane, count);
            for (var i = 0; i < count; i++)
            {
                if (sums[i] > best[i])
                {
                    best[i] = sums[i];
                    labels[i] = (byte)c;
                }
            }
        }
        for (var c = 0; c < state.Classes; c++)
        {
            var window = state.Sums.AsSpan(c * plane, plane);
            window[count..].CopyTo(window);
            window[(plane - count)..].Clear();
        }
        state.WindowZ = end;
    }
}
