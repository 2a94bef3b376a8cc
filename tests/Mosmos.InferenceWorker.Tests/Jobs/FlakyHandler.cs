using System.Net;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>A DICOMweb server that answers its first <c>failures</c> requests with 503, then passes requests to the real one.</summary>
internal sealed class FlakyHandler(int failures) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _seen;

    public int Requests => Volatile.Read(ref _seen);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _seen) <= failures
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("test: service unavailable") })
            : base.SendAsync(request, cancellationToken);
}
