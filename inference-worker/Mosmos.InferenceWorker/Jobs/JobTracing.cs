using System.Diagnostics;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// The worker's spans (ActivitySource <see cref="SourceName"/>, subscribed by service-defaults' <c>Mosmos.*</c>):
/// <c>SegmentSeries</c>, one per job attempt, a child of MassTransit's consume span and so of the adapter's
/// <c>StableStudy</c> span whose context came in the message headers. The DICOMweb fetch, the model calls and the
/// STOW-RS of the SEG and SR are its children (HttpClient and gRPC instrumentation).
/// </summary>
internal static class JobTracing
{
    public const string SourceName = "Mosmos.InferenceWorker";

    public static readonly ActivitySource Source = new(SourceName);
}
