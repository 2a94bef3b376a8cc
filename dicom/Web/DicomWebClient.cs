using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Mosmos.Dicom.Web;

/// <summary>
/// DICOMweb client (PS3.18 §10: Studies Service): QIDO-RS search (<c>DicomWebClient.Qido.cs</c>), WADO-RS retrieve
/// (<c>.Wado.cs</c>, <c>.Frames.cs</c>), STOW-RS store (<c>.Stow.cs</c>). Every call takes a CancellationToken and
/// is bounded by <see cref="DicomWebClientOptions.Timeout"/>; transient failures are retried by the resilience
/// handler underneath (<see cref="DicomWebResilience"/>); every failure surfaces as <see cref="DicomWebException"/>.
/// </summary>
public sealed partial class DicomWebClient : IDicomWebClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly DicomWebClientOptions _options;
    private readonly Uri _root;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>For dependency injection: <see cref="DicomWebServiceCollectionExtensions.AddDicomWebClient"/> supplies an
    /// HttpClient whose handler chain already holds the resilience handler.</summary>
    [ActivatorUtilitiesConstructor]
    public DicomWebClient(HttpClient httpClient, IOptions<DicomWebClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _options.EnsureValid();
        _http = httpClient;
        _root = Root(_options.BaseUrl!);
        _authorization = Authorization(_options);
    }

    /// <summary>
    /// Without dependency injection: builds its own HttpClient with the resilience handler over
    /// <paramref name="innerHandler"/> (a <see cref="SocketsHttpHandler"/> when null), and disposes it.
    /// </summary>
    public DicomWebClient(DicomWebClientOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        var resilience = new ResilienceHandler(DicomWebResilience.CreatePipeline(options))
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        _http = new HttpClient(resilience, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _ownsHttp = true;
        _root = Root(options.BaseUrl!);
        _authorization = Authorization(options);
    }

    public DicomWebClientOptions Options => _options;

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>
    /// Sends one request and returns the response with its headers read (the body is left on the wire). Errors
    /// become <see cref="DicomWebException"/>; <paramref name="scope"/> owns the timeout for the whole call.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, string operation, string accept, HttpContent? content, CallScope scope, bool allowErrorStatus = false)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (scope.Translate(e, operation) is { } translated)
        {
            throw translated;
        }
        if (response.IsSuccessStatusCode || allowErrorStatus) return response;
        using (response)
            throw await ErrorAsync(response, operation, scope).ConfigureAwait(false);
    }

    private static async Task<DicomWebException> ErrorAsync(HttpResponseMessage response, string operation, CallScope scope)
    {
        string? text = null;
        try
        {
            var bytes = await BoundedBody.ReadAsync(response.Content, 4096, operation, scope.Token, truncate: true).ConfigureAwait(false);
            text = bytes.Length == 0 ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DicomWebException)
        {
            // The status is what matters; an unreadable error body is not worth a second failure.
        }
        int code = (int)response.StatusCode;
        string hint = code switch
        {
            401 => ": the server requires or refused the credentials",
            403 => ": the credentials are not allowed to do this",
            404 => ": no such resource",
            _ => "",
        };
        return new DicomWebException($"{operation} failed: HTTP {code} {response.ReasonPhrase}{hint}", response.StatusCode)
        {
            ResponseText = text,
        };
    }

    private Uri Resolve(string relative) => new(_root, relative);

    private static Uri Root(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static AuthenticationHeaderValue? Authorization(DicomWebClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.BearerToken))
            return new AuthenticationHeaderValue("Bearer", options.BearerToken);
        if (string.IsNullOrEmpty(options.Username)) return null;
        // RFC 7617 §2.1: user-id ":" password, UTF-8 when the server does not say otherwise.
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password));
        return new AuthenticationHeaderValue("Basic", token);
    }

    private static string Segment(string uid, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid, name);
        return Uri.EscapeDataString(uid);
    }

    private CallScope Begin(CancellationToken cancellationToken) => new(_options.Timeout, cancellationToken);
}
