namespace Mosmos.Dicom.Web;

/// <summary>
/// One client call: the caller's token linked with the configured timeout, alive until the response body has been
/// read (so a server that stalls mid-body is caught too). Translates failures into <see cref="DicomWebException"/>
/// and tells a timeout apart from the caller's own cancellation, which propagates unchanged.
/// </summary>
internal sealed class CallScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _timeout;

    public CallScope(TimeSpan timeout, CancellationToken caller)
    {
        _caller = caller;
        _timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        if (timeout != Timeout.InfiniteTimeSpan) _source.CancelAfter(timeout);
    }

    public CancellationToken Token => _source.Token;

    private bool TimedOut => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>The exception to throw instead of <paramref name="e"/>, or null to let it propagate.</summary>
    public DicomWebException? Translate(Exception e, string operation) => e switch
    {
        OperationCanceledException when TimedOut =>
            new DicomWebException($"{operation} timed out after {_timeout.TotalSeconds:0.###} s", null, e) { IsTimeout = true },
        OperationCanceledException => null,
        DicomWebException => null,
        HttpRequestException http => new DicomWebException($"{operation} failed: {http.Message}", null, e),
        IOException io => new DicomWebException($"{operation} failed while reading the response: {io.Message}", null, e),
        DicomFormatException format => new DicomWebException($"{operation} returned malformed DICOM: {format.Message}", null, e),
        _ => null,
    };

    public void Dispose() => _source.Dispose();
}
