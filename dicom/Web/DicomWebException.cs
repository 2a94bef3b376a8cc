using System.Net;

namespace Mosmos.Dicom.Web;

/// <summary>
/// The one exception type of the DICOMweb client: an HTTP error status, a response the client refuses (too large,
/// malformed multipart or JSON), a timeout, or a network failure after the retries. Messages name the method, the
/// resource path and the status; never credentials, and never the query string (QIDO match keys can carry patient
/// identifiers, DESIGN §5).
/// </summary>
public class DicomWebException : Exception
{
    public DicomWebException() : this("DICOMweb request failed") { }

    public DicomWebException(string message) : base(message) { }

    public DicomWebException(string message, Exception innerException) : base(message, innerException) { }

    public DicomWebException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status of the response, when one arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The first few KiB of the error response body as text (server diagnostics), when there was one.</summary>
    public string? ResponseText { get; init; }

    /// <summary>True when the configured timeout elapsed (the caller's own token did not cancel).</summary>
    public bool IsTimeout { get; init; }

    /// <summary>
    /// True when the client refused a response (or a multipart part) larger than
    /// <see cref="DicomWebClientOptions.MaxResponseBytes"/>: asking again gets the same answer, so it is not transient.
    /// </summary>
    public bool IsTooLarge { get; init; }
}

/// <summary>
/// A STOW-RS request that stored some or none of its instances (PS3.18 §10.5): names every SOP Instance UID that
/// failed with its Failure Reason (0008,1197), and those the server did not acknowledge at all.
/// </summary>
public sealed class DicomWebStoreException : DicomWebException
{
    public DicomWebStoreException() : this("STOW-RS failed") { }

    public DicomWebStoreException(string message) : base(message) { }

    public DicomWebStoreException(string message, Exception innerException) : base(message, innerException) { }

    public DicomWebStoreException(StowResult result)
        : base(Describe(result ?? throw new ArgumentNullException(nameof(result))), result.StatusCode) => Result = result;

    public StowResult? Result { get; }

    private static string Describe(StowResult result)
    {
        var parts = new List<string>();
        foreach (var f in result.Failed)
            parts.Add($"{f.SopInstanceUid ?? "(no UID)"}: {f.Describe()}");
        foreach (var uid in result.Unacknowledged)
            parts.Add($"{uid}: not acknowledged by the server");
        return $"STOW-RS stored {result.Referenced.Count} instance(s) and failed {parts.Count} "
            + $"(HTTP {(int)result.StatusCode}): {string.Join("; ", parts)}";
    }
}
