using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Mosmos.Dicom;

/// <summary>
/// Reads the DICOM JSON Model (PS3.18 Annex F) into <see cref="DicomDataset"/>s. The input is untrusted: bad JSON,
/// wrong types, unknown VRs and anything past the limits of <see cref="DicomJsonReaderOptions"/> raise
/// <see cref="DicomFormatException"/> and nothing else. Attribute decoding lives in <c>DicomJsonReader.Values.cs</c>.
/// Text is stored as UTF-8 (the JSON's own encoding); Specific Character Set then says ISO_IR 192 where needed.
/// </summary>
public static partial class DicomJsonReader
{
    /// <summary>Parses one data set (a JSON object).</summary>
    public static DicomDataset Parse(string json, DicomJsonReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(System.Text.Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Parses one data set from UTF-8 bytes.</summary>
    public static DicomDataset Read(ReadOnlyMemory<byte> utf8, DicomJsonReaderOptions? options = null)
    {
        options ??= DicomJsonReaderOptions.Default;
        if (utf8.Length > options.MaxDocumentBytes)
            ThrowHelper.Format($"the DICOM JSON document exceeds {options.MaxDocumentBytes} bytes", options.MaxDocumentBytes);
        using var document = ParseDocument(utf8, options);
        return new Context(options).ReadTopLevel(document.RootElement);
    }

    /// <summary>Parses one data set from a stream, bounded by <see cref="DicomJsonReaderOptions.MaxDocumentBytes"/>.</summary>
    public static async Task<DicomDataset> ReadAsync(Stream stream, DicomJsonReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomJsonReaderOptions.Default;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(new JsonLimitStream(stream, options.MaxDocumentBytes), DocumentOptions(options), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }
        using (document)
            return new Context(options).ReadTopLevel(document.RootElement);
    }

    /// <summary>Parses a DICOM JSON array of data sets held in memory (a QIDO-RS or WADO-RS metadata body).</summary>
    public static IReadOnlyList<DicomDataset> ReadArray(ReadOnlyMemory<byte> utf8, DicomJsonReaderOptions? options = null)
    {
        options ??= DicomJsonReaderOptions.Default;
        if (utf8.Length > options.MaxDocumentBytes)
            ThrowHelper.Format($"the DICOM JSON document exceeds {options.MaxDocumentBytes} bytes", options.MaxDocumentBytes);
        using var document = ParseDocument(utf8, options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array) ThrowHelper.Format($"expected a JSON array of data sets, found {root.ValueKind}", -1);
        if (root.GetArrayLength() > options.MaxDatasets) ThrowHelper.Format($"more than {options.MaxDatasets} data sets", -1);
        var result = new List<DicomDataset>(root.GetArrayLength());
        foreach (var element in root.EnumerateArray())
            result.Add(new Context(options).ReadTopLevel(element));
        return result;
    }

    /// <summary>
    /// Streams a DICOM JSON array of data sets: each data set is parsed and handed out as soon as its closing brace
    /// arrives, so a large metadata response is never held whole.
    /// </summary>
    public static async IAsyncEnumerable<DicomDataset> ReadArrayAsync(Stream stream, DicomJsonReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomJsonReaderOptions.Default;
        var serializerOptions = SerializerOptions.GetOrAdd(JsonDepth(options), static depth => new JsonSerializerOptions { MaxDepth = depth });
        var limited = new JsonLimitStream(stream, options.MaxDocumentBytes);
        var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(limited, topLevelValues: false, serializerOptions, cancellationToken);
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            int count = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    throw Invalid(e);
                }
                if (!more) yield break;
                if (++count > options.MaxDatasets) ThrowHelper.Format($"more than {options.MaxDatasets} data sets", -1);
                yield return new Context(options).ReadTopLevel(enumerator.Current);
            }
        }
    }

    /// <summary>Serializer options by maximum depth: they are costly to build and immutable once used.</summary>
    private static readonly ConcurrentDictionary<int, JsonSerializerOptions> SerializerOptions = new();

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, DicomJsonReaderOptions options)
    {
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions(options));
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }
    }

    private static JsonDocumentOptions DocumentOptions(DicomJsonReaderOptions options) =>
        new() { MaxDepth = JsonDepth(options), AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Each sequence level nests attribute object, Value array and item object: four JSON levels, plus the array.</summary>
    private static int JsonDepth(DicomJsonReaderOptions options) => checked(4 * (options.MaxSequenceDepth + 1) + 2);

    private static DicomFormatException Invalid(JsonException e) =>
        new($"invalid JSON: {e.Message}", e.BytePositionInLine ?? -1, null, e);
}
