using System.Diagnostics.Metrics;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>
/// Meter <c>Mosmos.InferenceWorker.Model</c> (exported by service-defaults, which subscribes to <c>Mosmos.*</c>):
/// ModelInfer duration in seconds and refused requests by gRPC status code, both tagged with the model name.
/// </summary>
internal sealed class ModelMetrics
{
    public const string MeterName = "Mosmos.InferenceWorker.Model";

    private readonly Histogram<double> _inferDuration;
    private readonly Counter<long> _refused;

    public ModelMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _inferDuration = meter.CreateHistogram<double>("mosmos.model.infer.duration", "s", "ModelInfer time inside the server, ONNX Runtime included");
        _refused = meter.CreateCounter<long>("mosmos.model.infer.refused", "{request}", "ModelInfer requests answered with an error status");
    }

    public void Inferred(string model, TimeSpan elapsed) =>
        _inferDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("model", model));

    public void Refused(string model, Grpc.Core.StatusCode code) =>
        _refused.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("status", code.ToString()));
}
