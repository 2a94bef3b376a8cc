using Google.Protobuf;
using Mosmos.Onnx;
using static TorchSharp.torch;

namespace Mosmos.Trainer.Export;

/// <summary>Collects nodes and initializers while modules export themselves (ml-stack.md §2.2).</summary>
public sealed class OnnxGraph
{
    private int _next;

    public GraphProto Proto { get; } = new();

    /// <summary>Adds a float32 initializer named like its state_dict key; returns the name.</summary>
    public string Initializer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var cpu = value.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var data = cpu.data<float>().ToArray();
        var bytes = new byte[data.Length * sizeof(float)];
        // ONNX raw_data is little-endian (onnx.proto TensorProto.raw_data).
        for (var i = 0; i < data.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(value.shape);
        Proto.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds an int64 constant initializer (shapes, axes).</summary>
    public string Int64Initializer(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        Proto.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds one node with a single output named after <paramref name="scope"/>; returns the output name.</summary>
    public string Node(string op, string scope, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = $"{scope}/{op}_{_next++}";
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return output;
    }

    public static AttributeProto IntsAttr(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto IntAttr(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto FloatAttr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto StringAttr(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>A tensor value with the given element type and named symbolic dimensions.</summary>
    public static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(long.TryParse(d, out var n) ? new TensorShapeProto.Types.Dimension { DimValue = n } : new TensorShapeProto.Types.Dimension { DimParam = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>Renames the producer of <paramref name="from"/> so the graph output gets a fixed name.</summary>
    public void Rename(string from, string to)
    {
        foreach (var n in Proto.Node)
        {
            for (var i = 0; i < n.Output.Count; i++) if (n.Output[i] == from) n.Output[i] = to;
            for (var i = 0; i < n.Input.Count; i++) if (n.Input[i] == from) n.Input[i] = to;
        }
    }
}
