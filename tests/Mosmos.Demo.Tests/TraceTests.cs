using System.Text.Json;

namespace Mosmos.Demo.Tests;

/// <summary>
/// One trace follows the demo's study from the adapter's StableStudy span through MassTransit's publish and consume
/// (the context crossed RabbitMQ in the message headers) into the worker's SegmentSeries span and its STOW-RS of the
/// SEG; the worker's log line of the completed job carries the same trace id.
/// </summary>
[Collection(DemoRunGroup.Name)]
public sealed class TraceTests(DemoRunFixture demo)
{
    [Fact]
    public void OneTraceLinksAdapterBrokerAndWorker()
    {
        var spans = Spans();
        var study = demo.Identity.GetProperty("studyInstanceUid").GetString()!;
        // The attempt that stored the SEG (a retried attempt would be a sibling span without it).
        var worker = Assert.Single(spans.Values, s => s.Source == "Mosmos.InferenceWorker" && s.Name == "SegmentSeries"
            && s.Tag("dicom.study_instance_uid") == study && s.Tag("dicom.seg_sop_instance_uid") is not null);

        // Up from the worker's span: MassTransit's consumer span, its producer span, and the adapter's StableStudy span of
        // this study (Orthanc may report the study stable again once the SEG is in it: that span starts a trace of its own).
        var chain = new List<Span>();
        for (var s = worker; s.ParentSpanId is { } parent && spans.TryGetValue(parent, out var up); s = up)
            chain.Add(up);
        var adapter = Assert.Single(chain, s => s.Source == "Mosmos.Adapter" && s.Name == "StableStudy");
        Assert.Equal(study, adapter.Tag("dicom.study_instance_uid"));
        Assert.Equal(adapter.TraceId, worker.TraceId);
        Assert.Null(adapter.ParentSpanId);
        int consume = chain.FindIndex(s => s.Source == "MassTransit" && s.Kind == "Consumer");
        int produce = chain.FindIndex(s => s.Source == "MassTransit" && s.Kind == "Producer");
        Assert.True(consume >= 0 && produce > consume && chain.IndexOf(adapter) > produce,
            "expected worker ← MassTransit consumer ← MassTransit producer ← adapter, got worker ← " + string.Join(" ← ", chain.Select(s => $"{s.Source}/{s.Kind}/{s.Name}")));

        // Down: the STOW-RS that stored the SEG and SR is the worker span's child, in the same trace.
        Assert.Contains(spans.Values, s => s.ParentSpanId == worker.SpanId && s.Kind == "Client" && s.Tag("http.request.method") == "POST");
    }

    [Fact]
    public void TheCompletedJobsLogLineCarriesTheTraceId()
    {
        var worker = Spans().Values.Single(s => s.Source == "Mosmos.InferenceWorker" && s.Name == "SegmentSeries" && s.Tag("dicom.seg_sop_instance_uid") is not null);
        var completed = File.ReadAllLines(Path.Combine(demo.State, "logs", "mosmos.log"))
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("EventId").GetInt32() == 3101);
        var traceIds = completed.GetProperty("Scopes").EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .Select(s => s.GetProperty("TraceId").GetString());
        Assert.Contains(worker.TraceId, traceIds);
    }

    private Dictionary<string, Span> Spans()
    {
        Assert.True(demo.Run.Succeeded, $"the demo run failed:\n{demo.Run.StandardError}");
        return File.ReadAllLines(Path.Combine(demo.State, "logs", "traces.jsonl"))
            .Select(l => JsonSerializer.Deserialize<Span>(l, JsonSerializerOptions.Web)!)
            .ToDictionary(s => s.SpanId);
    }

    private sealed record Span(string TraceId, string SpanId, string? ParentSpanId, string Source, string Name, string Kind, Dictionary<string, string?> Tags)
    {
        public string? Tag(string key) => Tags.GetValueOrDefault(key);
    }
}
