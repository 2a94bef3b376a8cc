using System.Net.Http.Headers;
using System.Text.Json;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>Orthanc's own REST API for what DICOMweb does not do: store a Part 10 file byte for byte, read how it is stored.</summary>
internal sealed class OrthancInstances(HttpClient client, Uri baseUrl)
{
    /// <summary>POST /instances with the file as it is (no re-encoding); returns Orthanc's instance id.</summary>
    public async Task<string> StoreAsync(byte[] part10)
    {
        using var content = new ByteArrayContent(part10);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var response = await client.PostAsync(new Uri(baseUrl, "instances"), content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("ID").GetString()!;
    }

    /// <summary>The transfer syntax Orthanc stored the instance in (its metadata entry <c>TransferSyntax</c>).</summary>
    public Task<string> StoredTransferSyntaxAsync(string id) =>
        client.GetStringAsync(new Uri(baseUrl, $"instances/{id}/metadata/TransferSyntax"));

    /// <summary>Whether the server still answers (a transcoding crash would take it down).</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await client.GetAsync(new Uri(baseUrl, "system"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
