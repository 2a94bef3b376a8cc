using Microsoft.Extensions.Options;

namespace Mosmos.Dicom.Web;

/// <summary>
/// Settings of a <see cref="DicomWebClient"/>, bound from a configuration section (e.g. <c>Mosmos:DicomWeb</c>) and
/// validated at start-up by <see cref="DicomWebClientOptionsValidator"/>, which reports every error at once.
/// </summary>
public sealed class DicomWebClientOptions
{
    /// <summary>The DICOMweb service root, e.g. <c>http://127.0.0.1:8042/dicom-web</c> (PS3.18 §8.2).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>User name for HTTP Basic authentication (RFC 7617); set together with <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Bearer token (RFC 6750); exclusive with Basic credentials.</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Limit for one call: every attempt, the back-off between them and reading the response body. A streamed
    /// frame or instance retrieval counts until its last byte is read.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Largest buffered response (QIDO, metadata, STOW response, instance) and largest single part (frame, bulk data).</summary>
    public long MaxResponseBytes { get; set; } = 512L << 20;

    /// <summary>Retries after the first attempt on transient failures only (5xx but 501, 408, 429, network errors).</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>First back-off delay; it grows exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>QIDO-RS page size: the <c>limit</c> sent per request while paging (PS3.18 §8.3.4.4).</summary>
    public int QueryPageSize { get; set; } = 500;

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseUrl is null)
            errors.Add("BaseUrl is required");
        else if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
            errors.Add("BaseUrl must be an absolute http or https URL");
        else if (!string.IsNullOrEmpty(BaseUrl.UserInfo))
            errors.Add("BaseUrl must not carry credentials; use Username/Password or BearerToken");
        else if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            errors.Add("BaseUrl must not have a query or fragment");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            errors.Add("Username and Password must be set together");
        if (Username?.Contains(':', StringComparison.Ordinal) == true)
            errors.Add("Username must not contain ':' (RFC 7617)");
        if (!string.IsNullOrEmpty(BearerToken) && !string.IsNullOrEmpty(Username))
            errors.Add("set either Basic credentials or a BearerToken, not both");
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            errors.Add("Timeout must be positive");
        if (MaxResponseBytes < 1024)
            errors.Add("MaxResponseBytes must be at least 1024");
        if (RetryCount is < 0 or > 10)
            errors.Add("RetryCount must be between 0 and 10");
        if (RetryDelay < TimeSpan.Zero)
            errors.Add("RetryDelay must not be negative");
        if (QueryPageSize < 1)
            errors.Add("QueryPageSize must be at least 1");
        return errors;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new OptionsValidationException(nameof(DicomWebClientOptions), typeof(DicomWebClientOptions), errors);
    }
}

/// <summary>Start-up validation of <see cref="DicomWebClientOptions"/> (STYLE habit 4).</summary>
public sealed class DicomWebClientOptionsValidator : IValidateOptions<DicomWebClientOptions>
{
    public ValidateOptionsResult Validate(string? name, DicomWebClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
