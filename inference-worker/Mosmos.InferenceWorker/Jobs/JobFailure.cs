using System.Net;
using Grpc.Core;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Pipeline;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// What a failed attempt means: the reason code, a message a person can act on, and whether another attempt could
/// succeed. Permanent: the input or the model card is wrong (SeriesRejected reasons, Undecodable, invalid card,
/// a 4xx from the source, a response over the configured size limit). Transient: the source, the model server or the store did not answer as they should
/// (5xx, network, gRPC Unavailable), the job timed out, or an unexpected error.
/// </summary>
internal sealed record JobFailure(FailureReason Reason, string Message, bool Permanent)
{
    public static JobFailure From(Exception exception, bool timedOut, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (timedOut && exception is OperationCanceledException or DicomWebException { IsTimeout: true } or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded })
        {
            return new(FailureReason.Timeout, $"the job did not finish within {timeout} (Jobs:Timeout); the stage timings in the worker log show where it spent it",
                Permanent: false);
        }
        return exception switch
        {
            SegmentationException e => new(e.Reason, e.Message, e.Permanent),
            SeriesRejectedException e => new(Map(e.Reason), e.Message, Permanent: true),
            DicomWebStoreException e => new(FailureReason.StoreFailed, $"the source refused the SEG/SR: {e.Message}", Permanent: false),
            DicomWebException { IsTooLarge: true } e => new(FailureReason.SourceUnavailable,
                $"a response of the DICOMweb source is larger than this worker accepts: {e.Message}; raise the source's MaxResponseBytes (Jobs:Sources:<name>:MaxResponseBytes) if the series is meant to be that large",
                Permanent: true),
            DicomWebException e when IsTransient(e) => new(FailureReason.SourceUnavailable,
                $"the DICOMweb source did not answer: {e.Message}", Permanent: false),
            DicomWebException e => new(FailureReason.SourceUnavailable,
                $"the DICOMweb source refused a request: {e.Message}; check the worker's credentials and that the series still exists", Permanent: true),
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Aborted or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted } e =>
                new(FailureReason.ModelUnavailable, $"the model server is unavailable ({e.StatusCode}: {e.Status.Detail})", Permanent: false),
            RpcException { StatusCode: StatusCode.NotFound } e =>
                new(FailureReason.ModelUnavailable, $"the model server does not serve the model ({e.Status.Detail})", Permanent: false),
            RpcException e => new(FailureReason.ModelError, $"the model failed ({e.StatusCode}: {e.Status.Detail}); check the model and its card", Permanent: true),
            ModelLoadException e => new(FailureReason.ModelError, e.Message, Permanent: true),
            DicomFormatException e => new(FailureReason.Undecodable, $"a DICOM header of the series is malformed: {e.Message}", Permanent: true),
            _ => new(FailureReason.Internal, $"unexpected {exception.GetType().Name}: {exception.Message}", Permanent: false),
        };
    }

    /// <summary>No status (network), 5xx, 408, 429, or the client's own timeout: worth another attempt; never a response over the size limit.</summary>
    public static bool IsTransient(DicomWebException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.IsTooLarge) return false;
        return exception.IsTimeout || exception.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)exception.StatusCode >= 500;
    }

    private static FailureReason Map(SeriesRejection reason) => reason switch
    {
        SeriesRejection.UnsupportedModality => FailureReason.UnsupportedModality,
        SeriesRejection.TooFewSlices => FailureReason.TooFewSlices,
        SeriesRejection.IrregularSpacing => FailureReason.IrregularSpacing,
        SeriesRejection.GantryTilt => FailureReason.GantryTilt,
        SeriesRejection.MixedOrientation => FailureReason.MixedOrientation,
        _ => FailureReason.Undecodable,
    };
}
