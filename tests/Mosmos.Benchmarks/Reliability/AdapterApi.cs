using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mosmos.Adapter.Jobs;
using Mosmos.ServiceDefaults.Tests;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// The adapter's job API and <c>/metrics</c> as any client sees them: over HTTP with the API key in <c>X-Api-Key</c>.
/// Every number of the benchmark about jobs comes from here, not from the job table's file.
/// </summary>
internal sealed class AdapterApi(Uri root, string apiKey) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http = new() { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { "X-Api-Key", apiKey } } };

    /// <summary>Jobs by state (<c>GET /api/jobs/counts</c>); a state without jobs is 0.</summary>
    public async Task<IReadOnlyDictionary<JobState, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await _http.GetFromJsonAsync<Dictionary<string, int>>(new Uri("api/jobs/counts", UriKind.Relative), Json, cancellationToken)
            ?? throw new InvalidOperationException("the job API answered counts with null");
        return Enum.GetValues<JobState>().ToDictionary(s => s, s => counts.TryGetValue(s.ToString(), out var n) ? n : 0);
    }

    /// <summary>Every job, or those in one state (<c>GET /api/jobs</c>, paged 1,000 at a time).</summary>
    public async Task<List<JobRecord>> ListAsync(JobState? state = null, CancellationToken cancellationToken = default)
    {
        const int Page = 1000;
        var all = new List<JobRecord>();
        for (int offset = 0; ; offset += Page)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"api/jobs?limit={Page}&offset={offset}{(state is { } s ? "&state=" + s : "")}");
            var page = await _http.GetFromJsonAsync<List<JobRecord>>(new Uri(query, UriKind.Relative), Json, cancellationToken) ?? [];
            all.AddRange(page);
            if (page.Count < Page) return all;
        }
    }

    /// <summary>What a StableStudy change does, on request (<c>POST /api/studies/{uid}/dispatch</c>): the number of jobs published.</summary>
    public async Task<int> DispatchAsync(string studyInstanceUid, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri($"api/studies/{Uri.EscapeDataString(studyInstanceUid)}/dispatch", UriKind.Relative), null,
            cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return body.GetProperty("published").GetInt32();
    }

    /// <summary>The adapter's change-feed cursor (<c>mosmos_adapter_cursor</c>: the last Orthanc change sequence handled).</summary>
    public async Task<long?> CursorAsync(CancellationToken cancellationToken = default)
    {
        var samples = PrometheusText.Parse(await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken));
        return samples.FirstOrDefault(s => s.Name == "mosmos_adapter_cursor") is { } cursor ? (long)cursor.Value : null;
    }

    public void Dispose() => _http.Dispose();
}
