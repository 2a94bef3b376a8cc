using Microsoft.ML.OnnxRuntime.Tensors;

namespace Mosmos.InferenceWorker.Model.Onnx;

/// <summary>
/// ONNX element types ↔ Open Inference Protocol data type names (KServe v2 "Tensor Data Types") and their
/// size in bytes. Only fixed-size types travel as raw contents; BYTES (strings) is not served.
/// </summary>
internal static class TensorDataTypes
{
    public static bool TryGetDatatype(TensorElementType type, out string datatype, out int elementBytes)
    {
        (datatype, elementBytes) = type switch
        {
            TensorElementType.Bool => ("BOOL", 1),
            TensorElementType.UInt8 => ("UINT8", 1),
            TensorElementType.UInt16 => ("UINT16", 2),
            TensorElementType.UInt32 => ("UINT32", 4),
            TensorElementType.UInt64 => ("UINT64", 8),
            TensorElementType.Int8 => ("INT8", 1),
            TensorElementType.Int16 => ("INT16", 2),
            TensorElementType.Int32 => ("INT32", 4),
            TensorElementType.Int64 => ("INT64", 8),
            TensorElementType.Float16 => ("FP16", 2),
            TensorElementType.Float => ("FP32", 4),
            TensorElementType.Double => ("FP64", 8),
            TensorElementType.BFloat16 => ("BF16", 2),
            _ => ("", 0),
        };
        return elementBytes > 0;
    }
}
