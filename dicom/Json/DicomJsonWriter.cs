using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mosmos.Dicom;

/// <summary>
/// Writes the DICOM JSON Model (PS3.18 Annex F) with <see cref="Utf8JsonWriter"/>, streaming: the output is
/// flushed attribute by attribute, so a large data set never sits in memory twice. Values are encoded in
/// <c>DicomJsonWriter.Values.cs</c>. Like dcm2json, the File Meta Information is not part of the output.
/// </summary>
public static partial class DicomJsonWriter
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>The JSON object of one data set.</summary>
    public static string ToJson(DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, dataset, options);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Stream stream, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomJsonWriterOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        Write(writer, dataset, options);
    }

    /// <summary>A DICOM JSON array of data sets (the body of a QIDO-RS or WADO-RS metadata response).</summary>
    public static void WriteArray(Stream stream, IEnumerable<DicomDataset> datasets, DicomJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(datasets);
        options ??= DicomJsonWriterOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        writer.WriteStartArray();
        foreach (var dataset in datasets)
            Write(writer, dataset, options);
        writer.WriteEndArray();
    }

    /// <summary>Writes one data set as a JSON object at the writer's current position.</summary>
    public static void Write(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        new Context(writer, options ?? DicomJsonWriterOptions.Default).WriteDataset(dataset);
        writer.Flush();
    }

    private static JsonWriterOptions WriterOptions(DicomJsonWriterOptions options) => new()
    {
        Indented = options.Indented,
        // Text is written as UTF-8; only what JSON requires is escaped (dcm2json writes raw UTF-8 the same way).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private sealed partial class Context(Utf8JsonWriter writer, DicomJsonWriterOptions options)
    {
        private readonly List<DicomTag> _path = [];

        public void WriteDataset(DicomDataset dataset)
        {
            writer.WriteStartObject();
            foreach (var item in dataset)
            {
                // Group lengths are retired outside group 0002 (PS3.5 §7.2) and carry nothing in JSON; the meta
                // group belongs to the Part 10 file, not to the data set (PS3.18 F.2).
                if (item.Tag.IsGroupLength || item.Tag.Group == 0x0002) continue;
                writer.WritePropertyName(item.Tag.ToJsonKey());
                WriteAttribute(dataset, item);
                if (_path.Count == 0 && writer.BytesPending > FlushThreshold) writer.Flush();
            }
            writer.WriteEndObject();
        }

        private void WriteAttribute(DicomDataset dataset, DicomItem item)
        {
            writer.WriteStartObject();
            writer.WriteString("vr"u8, item.VR.ToString());
            _path.Add(item.Tag);
            switch (item)
            {
                case DicomSequence sequence:
                    WriteSequence(sequence);
                    break;
                case DicomFragments fragments:
                    WriteFragments(fragments);
                    break;
                case DicomElement element:
                    WriteElement(dataset, element);
                    break;
            }
            _path.RemoveAt(_path.Count - 1);
            writer.WriteEndObject();
        }

        private void WriteSequence(DicomSequence sequence)
        {
            if (sequence.Items.Count == 0) return;
            writer.WriteStartArray("Value"u8);
            foreach (var child in sequence.Items)
                WriteDataset(child);
            writer.WriteEndArray();
        }
    }
}
