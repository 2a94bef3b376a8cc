using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Mosmos.InferenceWorker.Model.Onnx;

/// <summary>
/// One model input or output as ONNX Runtime reports it: element type, protocol data type name, and the shape
/// with -1 for variable dimensions. <see cref="SymbolNames"/> holds the ONNX dim_param of each dimension
/// (empty when fixed or anonymous): an output dimension named like an input dimension takes that input's size,
/// which lets the server pre-allocate outputs.
/// </summary>
internal sealed record TensorSignature(string Name, TensorElementType ElementType, string Datatype, int ElementBytes, long[] Shape, string[] SymbolNames)
{
    /// <exception cref="NotSupportedException">The value is not a tensor of a fixed-size element type.</exception>
    public static IReadOnlyList<TensorSignature> From(IReadOnlyDictionary<string, NodeMetadata> nodes)
    {
        var result = new List<TensorSignature>(nodes.Count);
        foreach (var (name, node) in nodes)
        {
            if (node.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR
                || !TensorDataTypes.TryGetDatatype(node.ElementDataType, out var datatype, out var size))
                throw new NotSupportedException($"'{name}' is a {node.OnnxValueType} of {node.ElementDataType}; only tensors of fixed-size numbers can be served");
            var shape = node.Dimensions.Select(d => d > 0 ? (long)d : -1L).ToArray();
            var symbols = node.SymbolicDimensions.Length == shape.Length
                ? node.SymbolicDimensions.Select(s => s ?? "").ToArray()
                : new string[shape.Length];
            for (var i = 0; i < symbols.Length; i++)
                symbols[i] ??= "";
            result.Add(new TensorSignature(name, node.ElementDataType, datatype, size, shape, symbols));
        }
        return result;
    }
}
