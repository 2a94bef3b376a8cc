using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mosmos.Adapter.Changes;

/// <summary>The few Orthanc REST calls the adapter needs beyond DICOMweb: the change feed and resource lookups.</summary>
public sealed class OrthancClient(HttpClient http)
{
    /// <summary>Orthanc answers at most this many changes per page by default; we always send an explicit limit (never 0).</summary>
    public const int PageSize = 100;

    public async Task<ChangesPage> GetChangesAsync(long since, CancellationToken cancellationToken)
    {
        var uri = string.Create(CultureInfo.InvariantCulture, $"changes?since={since}&limit={PageSize}");
        var bytes = await GetBytesAsync(uri, cancellationToken).ConfigureAwait(false);
        return ChangesParser.Parse(bytes, since);
    }

    /// <summary>The newest sequence number, to start a fresh cursor at "now".</summary>
    public async Task<long> GetLastSeqAsync(CancellationToken cancellationToken)
    {
        var bytes = await GetBytesAsync("changes?last", cancellationToken).ConfigureAwait(false);
        return ChangesParser.Parse(bytes, 0).Last;
    }

    /// <summary>StudyInstanceUID of an Orthanc study resource, or null when the study was deleted meanwhile.</summary>
    public async Task<string?> GetStudyInstanceUidAsync(string orthancStudyId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("studies/" + Uri.EscapeDataString(orthancStudyId), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
            default, cancellationToken).ConfigureAwait(false);
        return json.RootElement.TryGetProperty("MainDicomTags", out var tags) && tags.TryGetProperty("StudyInstanceUID", out var uid)
            ? uid.GetString() : null;
    }

    /// <summary>Configures base address and basic authentication; credentials never leave this header.</summary>
    public static void Configure(HttpClient http, Uri baseUrl, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    private async Task<byte[]> GetBytesAsync(string uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Orthanc answered {(int)response.StatusCode} to GET {uri.Split('?')[0]}", null, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
