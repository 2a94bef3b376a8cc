using Microsoft.ML.OnnxRuntime;

namespace Mosmos.InferenceWorker.Tests.Support;

/// <summary>The reference: the model run straight on ONNX Runtime, no gRPC, no registry.</summary>
internal static class DirectOrt
{
    public static float[] Run(byte[] model, float[] input, long[] shape, string inputName = "image", string outputName = "probs")
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var results = session.Run(new RunOptions(), [inputName], [value], [outputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float[] RandomVolume(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }
}
