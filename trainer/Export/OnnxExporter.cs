using Google.Protobuf;
using Mosmos.Contracts;
using Mosmos.Onnx;
using Mosmos.Trainer.Model;
using static Mosmos.Trainer.Export.OnnxGraph;
using DataType = Mosmos.Onnx.TensorProto.Types.DataType;

namespace Mosmos.Trainer.Export;

/// <summary>
/// Writes a <see cref="UNet3d"/> as an ONNX model (opset 17, IR 8): input <c>image</c> [N, 1, D, H, W] with
/// symbolic dimensions, outputs <c>logits</c>, <c>probs</c> (Softmax over axis 1) and <c>labels</c> (ArgMax over
/// axis 1, int64), the model card in <c>metadata_props</c> under <see cref="ModelCard.MetadataKey"/>. A MOSMOS
/// network adds its frozen tag decoder and, when the card names <see cref="ModelCard.AttentionOutputName"/>, a
/// second output with the pixel-tag attention maps [N, K, d, h, w] (bottleneck grid, each map divided by its max).
/// With <see cref="ProbabilityPrecision.Fp16"/> the probabilities leave the graph as float16 (a Cast after the
/// Softmax): half the bytes for every patch a model server returns, ~5e-4 relative rounding, argmax unchanged but
/// for near-ties; <c>labels</c> is computed from the float32 logits either way.
/// </summary>
public static class OnnxExporter
{
    public const long IrVersion = 8;
    public const long Opset = 17;

    public static ModelProto Build(UNet3d model, ModelCard card, ProbabilityPrecision probabilities = ProbabilityPrecision.Fp32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(card);
        var cardJson = ModelCardSerializer.Serialize(card); // validates before anything is written
        if (card.Labels.Count != model.Config.Classes - 1)
            throw new ArgumentException($"the card lists {card.Labels.Count} labels, the network has {model.Config.Classes - 1} foreground classes");

        var g = new OnnxGraph();
        g.Proto.Name = card.Name;
        var features = model.Encoder.Export(g, card.InputName, "encoder");
        var attention = ExportAttention(g, model, card, features[^1]);
        var logits = model.Decoder.Export(g, features, "decoder", attention);
        g.Rename(logits, "logits");
        var probs = g.Node("Softmax", "probs", ["logits"], IntAttr("axis", 1));
        var probsType = DataType.Float;
        if (probabilities == ProbabilityPrecision.Fp16)
        {
            probs = g.Node("Cast", "probs_fp16", [probs], IntAttr("to", (long)DataType.Float16));
            probsType = DataType.Float16;
        }
        g.Rename(probs, card.OutputName);
        var labels = g.Node("ArgMax", "labels", ["logits"], IntAttr("axis", 1), IntAttr("keepdims", 0));
        g.Rename(labels, "labels");

        g.Proto.Input.Add(Value(card.InputName, DataType.Float, "N", model.Config.InChannels.ToString(System.Globalization.CultureInfo.InvariantCulture), "D", "H", "W"));
        g.Proto.Output.Add(Value("logits", DataType.Float, "N", "C", "D", "H", "W"));
        g.Proto.Output.Add(Value(card.OutputName, probsType, "N", "C", "D", "H", "W"));
        g.Proto.Output.Add(Value("labels", DataType.Int64, "N", "D", "H", "W"));
        if (card.AttentionOutputName is { } attentionName)
        {
            g.Rename(attention!, attentionName);
            g.Proto.Output.Add(Value(attentionName, DataType.Float, "N", "K", "d", "h", "w"));
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Mosmos.Trainer",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = g.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = ModelCard.MetadataKey, Value = cardJson });
        return proto;
    }

    /// <summary>
    /// The MOSMOS tag decoder with its tag embeddings frozen into the initializer <c>tagQueries</c>: returns the
    /// max-normalised attention maps that feed the decoder, or null for a plain U-Net. The card must list the
    /// network's tags in channel order, and may name an attention output only when there are maps.
    /// </summary>
    private static string? ExportAttention(OnnxGraph g, UNet3d model, ModelCard card, string bottleneck)
    {
        var tags = model.Config.TagHead?.Tags ?? [];
        if (!card.Tags.SequenceEqual(tags, StringComparer.Ordinal))
            throw new ArgumentException($"the card lists tags [{string.Join(", ", card.Tags)}], the network has [{string.Join(", ", tags)}]");
        if (model.Tags is null)
        {
            if (card.AttentionOutputName is not null) throw new ArgumentException("the card names an attention output but the network has no tag decoder");
            return null;
        }
        if (card.AttentionOutputName is { } name && (name is "logits" or "labels" || name == card.OutputName || name == card.InputName))
            throw new ArgumentException($"the attention output name '{name}' is taken");
        return model.Tags.ExportAttention(g, bottleneck, g.Initializer("tagQueries", model.TagQueries!), "tags");
    }

    /// <summary>Exports in eval mode and writes the file atomically (temporary name, then rename).</summary>
    public static void Write(UNet3d model, ModelCard card, string path, ProbabilityPrecision probabilities = ProbabilityPrecision.Fp32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var training = model.training;
        model.eval();
        try
        {
            var proto = Build(model, card, probabilities);
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            var tmp = path + ".tmp";
            using (var stream = File.Create(tmp)) proto.WriteTo(stream);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            model.train(training);
        }
    }

    /// <summary>Reads the model card back from an ONNX file (the worker does the same through ONNX Runtime).</summary>
    public static ModelCard ReadCard(string path)
    {
        using var stream = File.OpenRead(path);
        var proto = ModelProto.Parser.ParseFrom(stream);
        var entry = proto.MetadataProps.FirstOrDefault(p => p.Key == ModelCard.MetadataKey);
        return ModelCardSerializer.Parse(entry?.Value);
    }
}
