using Google.Protobuf;
using Mosmos.Onnx;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Reads one <c>metadata_props</c> entry from ONNX model bytes without ONNX Runtime and without materialising
/// the graph: top-level fields other than ModelProto.metadata_props (field 14, onnx.proto) are skipped, so the
/// weights are never copied.
/// </summary>
internal static class OnnxCardReader
{
    private const int MetadataPropsField = 14;

    /// <exception cref="InvalidProtocolBufferException">The bytes are not a protobuf message.</exception>
    public static string? ReadMetadata(byte[] model, string key)
    {
        ArgumentNullException.ThrowIfNull(model);
        var input = new CodedInputStream(model);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == MetadataPropsField
                && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                var entry = new StringStringEntryProto();
                input.ReadMessage(entry);
                if (entry.Key == key)
                    return entry.Value;
            }
            else
            {
                input.SkipLastField();
            }
        }
        return null;
    }
}
