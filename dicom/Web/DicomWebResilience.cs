using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Mosmos.Dicom.Web;

/// <summary>
/// Retries with exponential back-off and jitter on transient failures only: 5xx except 501 Not Implemented (a
/// server that cannot do something will not learn it in a second), 408, 429 (honouring Retry-After), and network
/// errors. Never on other 4xx: an unauthorised or malformed request stays wrong. Cancellation and the call
/// timeout are the caller's and are not retried.
/// </summary>
public static class DicomWebResilience
{
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(DicomWebClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options);
        return builder.Build();
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, DicomWebClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RetryCount == 0) return;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.RetryCount,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });
    }

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: not null } => false,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);
}
