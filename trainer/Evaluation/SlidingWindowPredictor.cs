using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mosmos.Contracts;

namespace Mosmos.Trainer.Evaluation;

/// <summary>
/// Sliding-window inference of an exported model with ONNX Runtime, the way the worker runs it: patches from the
/// card, overlap from the card, Gaussian importance weighting (σ = patch/8), probabilities accumulated, argmax at
/// the end. Input and output are x fastest on the model's grid. Probabilities may be float32 or float16
/// (<c>export --probabilities fp16</c>); float16 ones are widened before they are accumulated.
/// </summary>
public sealed class SlidingWindowPredictor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _halfProbabilities;

    public SlidingWindowPredictor(string modelPath)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"model file '{modelPath}' does not exist", modelPath);
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"'{modelPath}' is not a loadable ONNX model: {e.Message}", e);
        }
        _session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelCard.MetadataKey, out var json);
        Card = ModelCardSerializer.Parse(json);
        Classes = Card.Labels.Count + 1;
        if (!_session.OutputMetadata.TryGetValue(Card.OutputName, out var output))
            throw new InvalidOperationException($"'{modelPath}' has no output '{Card.OutputName}' (the card's outputName)");
        _halfProbabilities = output.ElementDataType switch
        {
            TensorElementType.Float => false,
            TensorElementType.Float16 => true,
            var other => throw new InvalidOperationException($"'{modelPath}' output '{Card.OutputName}' is {other}; probabilities must be float32 or float16"),
        };
    }


    public ModelCard Card { get; }

    public int Classes { get; }

    /// <summary>Label map of a normalised volume of <paramref name="size"/> (x, y, z).</summary>
    public byte[] Predict(float[] volume, int[] size, float padValue)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(size);
        int px = Card.PatchSize[0], py = Card.PatchSize[1], pz = Card.PatchSize[2];
        long n = (long)size[0] * size[1] * size[2];
        var sum = new float[Classes * n];
        var norm = new float[n];
        var weights = Gaussian(px, py, pz);
        var input = new float[px * py * pz];
        var output = new float[Classes * px * py * pz];
        var half = _halfProbabilities ? new Float16[output.Length] : null;
        using var inValue = OrtValue.CreateTensorValueFromMemory(input, [1, 1, pz, py, px]);
        using var outValue = half is null
            ? OrtValue.CreateTensorValueFromMemory(output, [1, Classes, pz, py, px])
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, half.AsMemory(), [1, Classes, pz, py, px]);
        using var run = new RunOptions();
        foreach (var z0 in Starts(size[2], pz))
        foreach (var y0 in Starts(size[1], py))
        foreach (var x0 in Starts(size[0], px))
        {
            for (var k = 0; k < pz; k++)
            for (var j = 0; j < py; j++)
            for (var i = 0; i < px; i++)
            {
                int x = x0 + i, y = y0 + j, z = z0 + k;
                input[(k * py + j) * px + i] = x < size[0] && y < size[1] && z < size[2]
                    ? volume[((long)z * size[1] + y) * size[0] + x] : padValue;
            }
            _session.Run(run, [Card.InputName], [inValue], [Card.OutputName], [outValue]);
            if (half is not null) TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(half.AsSpan()), output);
            for (var k = 0; k < pz && z0 + k < size[2]; k++)
            for (var j = 0; j < py && y0 + j < size[1]; j++)
            for (var i = 0; i < px && x0 + i < size[0]; i++)
            {
                var p = (k * py + j) * px + i;
                var v = ((long)(z0 + k) * size[1] + y0 + j) * size[0] + x0 + i;
                norm[v] += weights[p];
                for (var c = 0; c < Classes; c++) sum[c * n + v] += weights[p] * output[(long)c * input.Length + p];
            }
        }
        var labels = new byte[n];
        for (long v = 0; v < n; v++)
        {
            var best = 0;
            for (var c = 1; c < Classes; c++) if (sum[c * n + v] > sum[best * n + v]) best = c;
            labels[v] = (byte)best;
        }
        return labels;
    }

    /// <summary>Window starts covering [0, n): evenly spaced, the last one flush with the end (or 0 when n ≤ patch).</summary>
    internal IEnumerable<int> Starts(int n, int patch)
    {
        if (n <= patch) return [0];
        var step = Math.Max(1, (int)Math.Floor(patch * (1 - Card.Overlap)));
        var count = (int)Math.Ceiling((double)(n - patch) / step) + 1;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * (n - patch) / (count - 1)));
    }

    private static float[] Gaussian(int px, int py, int pz)
    {
        var w = new float[px * py * pz];
        static double G(int i, int p) { var d = (i - (p - 1) / 2.0) / (p / 8.0); return Math.Exp(-0.5 * d * d); }
        for (var k = 0; k < pz; k++)
        for (var j = 0; j < py; j++)
        for (var i = 0; i < px; i++)
            // Floor at 1e-3 so the volume edges, covered by one window only, are never divided by ~0.
            w[(k * py + j) * px + i] = (float)Math.Max(G(i, px) * G(j, py) * G(k, pz), 1e-3);
        return w;
    }

    public void Dispose() => _session.Dispose();
}
