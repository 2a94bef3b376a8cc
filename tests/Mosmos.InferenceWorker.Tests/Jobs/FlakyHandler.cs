using System.Net;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// A DICOMweb server that answers its first <c>failures</c> instance searches (QIDO-RS, which every attempt of a job
/// asks once) with 503, and passes everything else to the real one: <c>failures</c> failed attempts, whatever else
/// an attempt asks at the same time.
/// </summary>
internal sealed class FlakyHandler(int failures) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _searches;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        IsInstanceSearch(request) && Interlocked.Increment(ref _searches) <= failures
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("test: service unavailable") })
            : base.SendAsync(request, cancellationToken);

    private static bool IsInstanceSearch(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/instances", StringComparison.Ordinal) == true;
}
