using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mosmos.ServiceDefaults.Tests;

/// <summary><c>Telemetry:TraceFile</c>: every finished span of a subscribed source, one JSON line each, parent links intact.</summary>
public sealed class TraceFileTests : IDisposable
{
    private static readonly ActivitySource Source = new("Mosmos.Tests.TraceFile");
    private static readonly ActivitySource Unsubscribed = new("Elsewhere.Tests");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"mosmos-traces-{Guid.NewGuid():N}", "traces.jsonl");

    [Fact]
    public async Task Spans_of_Mosmos_sources_are_written_one_per_line_with_their_parents()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.TraceFileKey] = _file });
        builder.AddServiceDefaults();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (var parent = Source.StartActivity("Parent"))
            {
                parent!.SetTag("dicom.study_instance_uid", "1.2.3");
                using var child = Source.StartActivity("Child", ActivityKind.Client);
                using var elsewhere = Unsubscribed.StartActivity("NotExported");
                Assert.Null(elsewhere);
            }
            await host.StopAsync();
        }

        // Other tests' hosts may serve requests meanwhile (ASP.NET Core and HttpClient spans are process-wide): only ours count.
        var spans = File.ReadAllLines(_file).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(s => s.GetProperty("source").GetString() != Unsubscribed.Name && s.GetProperty("source").GetString()!.StartsWith("Mosmos.Tests", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, spans.Count);
        var childSpan = spans.Single(s => s.GetProperty("name").GetString() == "Child");
        var parentSpan = spans.Single(s => s.GetProperty("name").GetString() == "Parent");
        Assert.Equal(parentSpan.GetProperty("traceId").GetString(), childSpan.GetProperty("traceId").GetString());
        Assert.Equal(parentSpan.GetProperty("spanId").GetString(), childSpan.GetProperty("parentSpanId").GetString());
        Assert.False(parentSpan.TryGetProperty("parentSpanId", out _));
        Assert.Equal("Client", childSpan.GetProperty("kind").GetString());
        Assert.Equal("Mosmos.Tests.TraceFile", childSpan.GetProperty("source").GetString());
        Assert.Equal("1.2.3", parentSpan.GetProperty("tags").GetProperty("dicom.study_instance_uid").GetString());
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
}
