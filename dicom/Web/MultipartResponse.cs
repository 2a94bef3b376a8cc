namespace Mosmos.Dicom.Web;

/// <summary>
/// A WADO-RS multipart/related response being read (PS3.18 §8.6.1.2): owns the HTTP response and the call scope
/// (so the timeout covers the whole body) and translates failures into <see cref="DicomWebException"/>.
/// </summary>
internal sealed class MultipartResponse : IAsyncDisposable
{
    private readonly CallScope _scope;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly MultipartReader _reader;

    private MultipartResponse(CallScope scope, HttpResponseMessage response, Stream body, MediaType type, MultipartReader reader, string operation)
    {
        _scope = scope;
        _response = response;
        _body = body;
        Type = type;
        _reader = reader;
        Operation = operation;
    }

    /// <summary>The response's media type: <c>multipart/related</c> with its <c>type</c> and <c>boundary</c>.</summary>
    public MediaType Type { get; }

    public string Operation { get; }

    public CancellationToken Token => _scope.Token;

    /// <summary>Takes over <paramref name="scope"/> and <paramref name="response"/>; null when the response is not multipart.</summary>
    public static async Task<MultipartResponse?> TryOpenAsync(CallScope scope, HttpResponseMessage response, string operation, long maxPartBytes)
    {
        var type = MediaType.TryParse(ContentType(response));
        if (type is null || !type.Is("multipart/related")) return null;
        var boundary = type["boundary"];
        if (string.IsNullOrEmpty(boundary))
            throw new DicomWebException($"{operation}: the multipart/related response has no boundary", response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
        return new MultipartResponse(scope, response, body, type, new MultipartReader(body, boundary, maxPartBytes), operation);
    }

    public static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;

    public async ValueTask<MultipartPart?> NextAsync()
    {
        try
        {
            return await _reader.ReadNextPartAsync(_scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Runs a read of the current part with this response's timeout and the caller's token, translating failures.</summary>
    public async ValueTask<T> ReadAsync<T>(Func<CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, cancellationToken) : null;
        try
        {
            return await read(linked?.Token ?? _scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private DicomWebException? Translate(Exception e) => e switch
    {
        DicomWebException { StatusCode: null } inner => new DicomWebException($"{Operation}: {inner.Message}", _response.StatusCode, inner) { IsTimeout = inner.IsTimeout, IsTooLarge = inner.IsTooLarge },
        _ => _scope.Translate(e, Operation),
    };

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _scope.Dispose();
    }
}
