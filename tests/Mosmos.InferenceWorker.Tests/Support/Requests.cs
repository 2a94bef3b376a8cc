using System.Runtime.InteropServices;
using Google.Protobuf;
using Mosmos.Inference;

namespace Mosmos.InferenceWorker.Tests.Support;

/// <summary>ModelInfer requests and responses as the tests need them: FP32 in, FP32 out, raw contents.</summary>
internal static class Requests
{
    public static ModelInferRequest Fp32(float[] input, long[] shape, string model = TinyOnnx.ModelName, string datatype = "FP32")
    {
        var request = new ModelInferRequest { ModelName = model, Id = "test" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "image", Datatype = datatype, Shape = { shape } });
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(input.AsSpan())));
        return request;
    }

    public static float[] Output(ModelInferResponse response, string name = "probs")
    {
        var index = response.Outputs.Select(o => o.Name).ToList().IndexOf(name);
        Assert.True(index >= 0, $"no output '{name}'");
        return MemoryMarshal.Cast<byte, float>(response.RawOutputContents[index].Span).ToArray();
    }
}
