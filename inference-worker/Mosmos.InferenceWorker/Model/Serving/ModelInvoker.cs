using System.Buffers;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Registry;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>
/// Runs a checked request on the model's session with no managed copies (ml-stack §3.3): inputs are OrtValues
/// over the pinned request bytes, outputs whose shape is known beforehand are pre-bound OrtValues over the arrays
/// that become the response's raw contents. Outputs of unknown shape are allocated by ONNX Runtime and copied once.
/// </summary>
internal static class ModelInvoker
{
    public static ModelInferResponse Run(LoadedModel model, InferPlan plan, ModelInferRequest request, long maxMessageBytes)
    {
        var pins = new MemoryHandle[plan.Inputs.Count];
        var inputs = new OrtValue[plan.Inputs.Count];
        var outputs = new OrtValue?[plan.Outputs.Count];
        var buffers = new byte[plan.Outputs.Count][];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
                inputs[i] = PinInput(plan, i, ref pins[i]);

            var preBound = plan.OutputShapes.All(s => s is not null);
            var inputNames = plan.Inputs.Select(s => s.Name).ToArray();
            var outputNames = plan.Outputs.Select(s => s.Name).ToArray();
            using var runOptions = new RunOptions();
            if (preBound)
            {
                for (var o = 0; o < outputs.Length; o++)
                {
                    var shape = plan.OutputShapes[o]!;
                    var bytes = plan.Outputs[o].ElementBytes * shape.Aggregate(1L, (a, b) => a * b);
                    buffers[o] = GC.AllocateUninitializedArray<byte>(checked((int)bytes), pinned: true);
                    outputs[o] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, plan.Outputs[o].ElementType, shape,
                        PinnedAddress(buffers[o]), bytes);
                }
                model.Session.Run(runOptions, inputNames, inputs, outputNames, outputs!);
                return Response(model, plan, request, buffers, plan.OutputShapes!);
            }

            using var results = model.Session.Run(runOptions, inputNames, inputs, outputNames);
            var shapes = new long[results.Count][];
            for (var o = 0; o < results.Count; o++)
            {
                var data = results[o].GetTensorMutableRawData();
                if (data.Length > maxMessageBytes)
                    RpcErrors.ResourceExhausted($"output '{outputNames[o]}' has {data.Length} bytes, over the {maxMessageBytes}-byte message limit");
                buffers[o] = data.ToArray();
                shapes[o] = results[o].GetTensorTypeAndShape().Shape;
            }
            return Response(model, plan, request, buffers, shapes);
        }
        finally
        {
            foreach (var value in outputs)
                value?.Dispose();
            foreach (var value in inputs)
                value?.Dispose();
            foreach (var pin in pins)
                pin.Dispose();
        }
    }

    private static unsafe OrtValue PinInput(InferPlan plan, int i, ref MemoryHandle pin)
    {
        var bytes = plan.InputBytes[i].Memory;
        pin = bytes.Pin();
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, plan.Inputs[i].ElementType, plan.InputShapes[i],
            (IntPtr)pin.Pointer, bytes.Length);
    }

    // Arrays from the pinned object heap never move, so their address stays valid for the native call.
    private static unsafe IntPtr PinnedAddress(byte[] pinned)
    {
        fixed (byte* p = pinned)
            return (IntPtr)p;
    }

    private static ModelInferResponse Response(LoadedModel model, InferPlan plan, ModelInferRequest request, byte[][] buffers, IReadOnlyList<long[]> shapes)
    {
        var response = new ModelInferResponse { ModelName = model.Name, ModelVersion = model.Version, Id = request.Id };
        for (var o = 0; o < plan.Outputs.Count; o++)
        {
            var output = new ModelInferResponse.Types.InferOutputTensor { Name = plan.Outputs[o].Name, Datatype = plan.Outputs[o].Datatype };
            output.Shape.AddRange(shapes[o]);
            response.Outputs.Add(output);
            // The buffer is owned by nobody else from here on, so wrapping it without a copy is safe.
            response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(buffers[o]));
        }
        return response;
    }
}
