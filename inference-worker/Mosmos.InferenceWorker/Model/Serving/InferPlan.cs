using Google.Protobuf;
using Mosmos.InferenceWorker.Model.Onnx;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>A checked ModelInfer request: inputs in request order with their shapes and raw bytes, and the outputs to return.</summary>
internal sealed record InferPlan(
    IReadOnlyList<TensorSignature> Inputs,
    IReadOnlyList<long[]> InputShapes,
    IReadOnlyList<ByteString> InputBytes,
    IReadOnlyList<TensorSignature> Outputs,
    IReadOnlyList<long[]?> OutputShapes);
