using System.Net;
using Mosmos.Dicom.Web;

namespace Mosmos.Dicom.Tests.Web;

/// <summary>
/// A server stand-in at the HttpMessageHandler seam, below the client's real resilience handler: answers each
/// request with the next scripted response (or exception) and records what it was asked.
/// </summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) : HttpMessageHandler
{
    private int _next;

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Authorizations { get; } = [];

    public int Calls => Requests.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Authorizations.Add(request.Headers.Authorization?.ToString());
        var step = script[Math.Min(_next++, script.Length - 1)];
        return step(request, cancellationToken);
    }

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, string body = "") =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = JsonContent(json) });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Bytes(byte[] body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        (_, _) =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throw(Exception e) =>
        (_, _) => Task.FromException<HttpResponseMessage>(e);

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

    public static HttpContent JsonContent(string json)
    {
        var content = new StringContent(json);
        content.Headers.ContentType = new("application/dicom+json");
        return content;
    }

    public static DicomWebClient Client(StubHandler handler, Action<DicomWebClientOptions>? configure = null)
    {
        var options = new DicomWebClientOptions
        {
            BaseUrl = new Uri("http://pacs.invalid/dicom-web"),
            Username = "tester",
            Password = "s3cret-pw",
            RetryCount = 3,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return new DicomWebClient(options, handler);
    }
}
