using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mosmos.Adapter.Api;
using Mosmos.Adapter.Jobs;

namespace Mosmos.Demo;

/// <summary>
/// The adapter's job API as any client sees it: over HTTP, with the API key in <c>X-Api-Key</c>. The demo waits on
/// it rather than on the job table, so a run also proves the API answers and refuses nothing it should allow.
/// </summary>
internal sealed class JobApiClient(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public static JobApiClient Create(Uri apiRoot, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiRoot);
        var http = new HttpClient { BaseAddress = apiRoot, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new JobApiClient(http);
    }

    /// <summary>The jobs of a study, newest first as the API lists them.</summary>
    public async Task<IReadOnlyList<JobRecord>> JobsOfStudyAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<JobRecord>>($"api/jobs?study={Uri.EscapeDataString(studyInstanceUid)}", Json, cancellationToken).ConfigureAwait(false)
        ?? [];

    /// <summary>Why each series of a study was or was not selected (the rules report), to explain a study that got no job.</summary>
    public async Task<RulesReport?> RulesAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<RulesReport>($"api/studies/{Uri.EscapeDataString(studyInstanceUid)}/rules", Json, cancellationToken).ConfigureAwait(false);

    public void Dispose() => http.Dispose();
}
