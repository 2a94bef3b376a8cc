using Mosmos.Inference;
using Mosmos.InferenceWorker.Model.Onnx;
using Mosmos.InferenceWorker.Model.Registry;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>
/// Checks a ModelInfer request against the model's signature before any native code sees it: names, data types,
/// ranks and fixed dimensions (INVALID_ARGUMENT), raw byte counts equal to shape × element size
/// (INVALID_ARGUMENT), and declared input and computable output sizes within the message limit
/// (RESOURCE_EXHAUSTED), so a hostile shape cannot make the server allocate.
/// </summary>
internal static class InferRequestValidator
{
    public static InferPlan Validate(ModelInferRequest request, LoadedModel model, long maxMessageBytes)
    {
        if (request.Inputs.Count != model.Inputs.Count)
            RpcErrors.InvalidArgument($"model '{model.Name}' takes {model.Inputs.Count} input(s) ({Names(model.Inputs)}); the request has {request.Inputs.Count}");
        if (request.RawInputContents.Count != request.Inputs.Count)
            RpcErrors.InvalidArgument($"raw_input_contents has {request.RawInputContents.Count} entries for {request.Inputs.Count} input(s); this server takes tensors as raw contents only");

        var inputs = new TensorSignature[request.Inputs.Count];
        var shapes = new long[request.Inputs.Count][];
        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var tensor = request.Inputs[i];
            var signature = model.Inputs.FirstOrDefault(s => s.Name == tensor.Name);
            if (signature is null)
                RpcErrors.InvalidArgument($"'{tensor.Name}' is not an input of model '{model.Name}' ({Names(model.Inputs)})");
            if (inputs.Contains(signature))
                RpcErrors.InvalidArgument($"input '{tensor.Name}' is given twice");
            if (tensor.Contents is not null)
                RpcErrors.InvalidArgument($"input '{tensor.Name}' uses typed contents; send it in raw_input_contents");
            if (tensor.Datatype != signature.Datatype)
                RpcErrors.InvalidArgument($"input '{tensor.Name}' has datatype '{tensor.Datatype}'; the model takes {signature.Datatype}");
            var shape = tensor.Shape.ToArray();
            CheckShape(tensor.Name, shape, signature);
            var bytes = ByteCount(tensor.Name, shape, signature.ElementBytes, maxMessageBytes);
            if (request.RawInputContents[i].Length != bytes)
                RpcErrors.InvalidArgument($"input '{tensor.Name}' with shape [{string.Join(',', shape)}] of {signature.Datatype} needs {bytes} bytes; raw_input_contents[{i}] has {request.RawInputContents[i].Length}");
            for (var d = 0; d < shape.Length; d++)
            {
                if (signature.SymbolNames[d].Length > 0)
                    symbols[signature.SymbolNames[d]] = shape[d];
            }
            inputs[i] = signature;
            shapes[i] = shape;
        }

        var outputs = request.Outputs.Count == 0
            ? model.Outputs.ToArray()
            : request.Outputs.Select(o => RequireOutput(model, o.Name)).ToArray();
        var outputShapes = outputs.Select(o => ResolveOutputShape(o, symbols, maxMessageBytes)).ToArray();
        return new InferPlan(inputs, shapes, request.RawInputContents.ToArray(), outputs, outputShapes);
    }

    private static TensorSignature RequireOutput(LoadedModel model, string name)
    {
        var output = model.Outputs.FirstOrDefault(s => s.Name == name);
        if (output is null)
            RpcErrors.InvalidArgument($"'{name}' is not an output of model '{model.Name}' ({Names(model.Outputs)})");
        return output;
    }

    private static void CheckShape(string name, long[] shape, TensorSignature signature)
    {
        if (shape.Length != signature.Shape.Length)
            RpcErrors.InvalidArgument($"input '{name}' has rank {shape.Length}; the model takes rank {signature.Shape.Length} [{string.Join(',', signature.Shape)}]");
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 1)
                RpcErrors.InvalidArgument($"input '{name}' dimension {d} is {shape[d]}; dimensions must be at least 1");
            if (signature.Shape[d] > 0 && shape[d] != signature.Shape[d])
                RpcErrors.InvalidArgument($"input '{name}' dimension {d} is {shape[d]}; the model fixes it at {signature.Shape[d]}");
        }
    }

    /// <summary>Size in bytes, or RESOURCE_EXHAUSTED when it exceeds the message limit (overflow included).</summary>
    private static long ByteCount(string name, long[] shape, int elementBytes, long maxMessageBytes)
    {
        long bytes = elementBytes;
        foreach (var dimension in shape)
        {
            // Dividing first keeps the product from overflowing: a shape past the limit is refused as soon as it gets there.
            if (dimension > maxMessageBytes / bytes)
                RpcErrors.ResourceExhausted($"tensor '{name}' with shape [{string.Join(',', shape)}] exceeds the {maxMessageBytes}-byte message limit");
            bytes *= dimension;
        }
        return bytes;
    }

    /// <summary>The output shape when every dimension is fixed or named like an input dimension; null: ONNX Runtime allocates.</summary>
    private static long[]? ResolveOutputShape(TensorSignature output, Dictionary<string, long> symbols, long maxMessageBytes)
    {
        if (output.Shape.Length == 0)
            return null;
        var shape = new long[output.Shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            if (output.Shape[d] > 0)
                shape[d] = output.Shape[d];
            else if (!symbols.TryGetValue(output.SymbolNames[d], out shape[d]))
                return null;
        }
        ByteCount(output.Name, shape, output.ElementBytes, maxMessageBytes);
        return shape;
    }

    private static string Names(IReadOnlyList<TensorSignature> tensors) => string.Join(", ", tensors.Select(t => t.Name));
}
