using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenTelemetry;

namespace Mosmos.ServiceDefaults.Tracing;

/// <summary>
/// Writes every finished span as one JSON object per line (trace id, span id, parent span id, source, name, kind,
/// start, duration, status, tags) and flushes after each batch, so a run can be inspected, or checked by a test,
/// without a collector. The file is appended to, never truncated; it is created with its folder.
/// </summary>
public sealed class JsonLinesSpanExporter : BaseExporter<Activity>
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public JsonLinesSpanExporter(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _json = new Utf8JsonWriter(_file);
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            Write(span);
            _json.Flush();
            _json.Reset();
            _file.WriteByte((byte)'\n');
        }
        _file.Flush();
        return ExportResult.Success;
    }

    private void Write(Activity span)
    {
        _json.WriteStartObject();
        _json.WriteString("traceId", span.TraceId.ToHexString());
        _json.WriteString("spanId", span.SpanId.ToHexString());
        if (span.ParentSpanId != default)
            _json.WriteString("parentSpanId", span.ParentSpanId.ToHexString());
        _json.WriteString("source", span.Source.Name);
        _json.WriteString("name", span.DisplayName);
        _json.WriteString("kind", span.Kind.ToString());
        _json.WriteString("start", span.StartTimeUtc.ToString("O", CultureInfo.InvariantCulture));
        _json.WriteNumber("durationMs", span.Duration.TotalMilliseconds);
        _json.WriteString("status", span.Status.ToString());
        _json.WriteStartObject("tags");
        foreach (var (key, value) in span.EnumerateTagObjects())
            _json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
