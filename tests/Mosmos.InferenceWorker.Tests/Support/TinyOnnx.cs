using System.Security.Cryptography;
using Google.Protobuf;
using Mosmos.Contracts;
using Mosmos.Onnx;

namespace Mosmos.InferenceWorker.Tests.Support;

/// <summary>
/// Tiny ONNX models built with the linked onnx.proto: image [N,1,D,H,W] → Conv 1×1×1 (C filters) → Softmax over
/// classes → probs [N,C,D,H,W] (float32, or Cast to another type as <c>export --probabilities fp16</c> does).
/// Pointwise, deterministic weights; D, H, W, N are named dims shared by input and output, as the trainer's
/// exporter writes them.
/// </summary>
internal static class TinyOnnx
{
    public const string ModelName = "tiny";

    /// <summary>Weights and biases of version "1" and "2": different enough that every voxel's probabilities differ.</summary>
    public static readonly (float[] Weights, float[] Bias) Version1 = ([1f, -1f, 0.5f], [0f, 0f, 0.1f]);
    public static readonly (float[] Weights, float[] Bias) Version2 = ([-2f, 1f, 3f], [0.3f, 0f, -0.2f]);

    public static ModelCard Card(string version = "1", int classes = 3) => new()
    {
        Name = ModelName,
        Version = version,
        Modality = "CT",
        Labels = Enumerable.Range(1, classes - 1).ToDictionary(i => i, i => $"organ-{i}"),
        SpacingMm = [1, 1, 1],
        Intensity = new IntensityNormalization(-1000, 1000, 0, 1000),
        PatchSize = [5, 6, 8],
        Overlap = 0.5,
    };

    /// <param name="attentionPool">
    /// When set, a second output <c>attention</c> [N, C − 1, d, h, w] as a MOSMOS model exports it: the probabilities
    /// of classes 1 … C − 1 average-pooled over (z, y, x) blocks of this size, each map divided by its maximum.
    /// </param>
    public static byte[] Build((float[] Weights, float[] Bias) parameters, string? cardJson,
        TensorProto.Types.DataType probabilities = TensorProto.Types.DataType.Float, (int Z, int Y, int X)? attentionPool = null)
    {
        var classes = parameters.Weights.Length;
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value("image", TensorProto.Types.DataType.Float, "N", 1, "D", "H", "W"));
        graph.Output.Add(Value("probs", probabilities, "N", classes, "D", "H", "W"));
        graph.Initializer.Add(Floats("w", [classes, 1, 1, 1, 1], parameters.Weights));
        graph.Initializer.Add(Floats("b", [classes], parameters.Bias));
        graph.Node.Add(new NodeProto { Name = "conv", OpType = "Conv", Input = { "image", "w", "b" }, Output = { "logits" } });
        graph.Node.Add(new NodeProto
        {
            Name = "softmax",
            OpType = "Softmax",
            Input = { "logits" },
            Output = { probabilities == TensorProto.Types.DataType.Float ? "probs" : "probs32" },
            Attribute = { new AttributeProto { Name = "axis", I = 1, Type = AttributeProto.Types.AttributeType.Int } },
        });
        if (probabilities != TensorProto.Types.DataType.Float)
        {
            graph.Node.Add(new NodeProto
            {
                Name = "cast",
                OpType = "Cast",
                Input = { "probs32" },
                Output = { "probs" },
                Attribute = { new AttributeProto { Name = "to", I = (long)probabilities, Type = AttributeProto.Types.AttributeType.Int } },
            });
        }
        if (attentionPool is { } pool)
            AddAttention(graph, classes, pool, probabilities == TensorProto.Types.DataType.Float ? "probs" : "probs32");
        var model = new ModelProto { IrVersion = 8, ProducerName = "mosmos-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        if (cardJson is not null)
            model.MetadataProps.Add(new StringStringEntryProto { Key = ModelCard.MetadataKey, Value = cardJson });
        return model.ToByteArray();
    }

    private static void AddAttention(GraphProto graph, int classes, (int Z, int Y, int X) pool, string probabilities)
    {
        graph.Output.Add(Value("attention", TensorProto.Types.DataType.Float, "N", classes - 1, "d", "h", "w"));
        graph.Initializer.Add(Longs("tag_starts", [1]));
        graph.Initializer.Add(Longs("tag_ends", [classes]));
        graph.Initializer.Add(Longs("tag_axes", [1]));
        var ints = AttributeProto.Types.AttributeType.Ints;
        graph.Node.Add(new NodeProto
        {
            Name = "pool",
            OpType = "AveragePool",
            Input = { probabilities },
            Output = { "pooled" },
            Attribute =
            {
                new AttributeProto { Name = "kernel_shape", Ints = { pool.Z, pool.Y, pool.X }, Type = ints },
                new AttributeProto { Name = "strides", Ints = { pool.Z, pool.Y, pool.X }, Type = ints },
            },
        });
        graph.Node.Add(new NodeProto { Name = "tags", OpType = "Slice", Input = { "pooled", "tag_starts", "tag_ends", "tag_axes" }, Output = { "tag_maps" } });
        graph.Node.Add(new NodeProto
        {
            Name = "peak",
            OpType = "ReduceMax",
            Input = { "tag_maps" },
            Output = { "peaks" },
            Attribute = { new AttributeProto { Name = "axes", Ints = { 2, 3, 4 }, Type = ints } },
        });
        graph.Node.Add(new NodeProto { Name = "normalise", OpType = "Div", Input = { "tag_maps", "peaks" }, Output = { "attention" } });
    }

    private static TensorProto Longs(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    public static byte[] Build(string version, (float[] Weights, float[] Bias) parameters) =>
        Build(parameters, ModelCardSerializer.Serialize(Card(version, parameters.Weights.Length)));

    /// <summary>Writes the model and, unless told otherwise, its <c>.sha256</c> sidecar; returns the model path.</summary>
    public static string Write(string directory, string fileName, byte[] model, bool sidecar = true)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, model);
        if (sidecar)
            File.WriteAllText(path + ".sha256", $"{Sha256(model)}  {fileName}\n");
        return path;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = (int)dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static TensorProto Floats(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }
}
