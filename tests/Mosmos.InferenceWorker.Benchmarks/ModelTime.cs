using System.Globalization;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>
/// Seconds the worker's model server has spent in ModelInfer so far: the sum of its
/// <c>mosmos.model.infer.duration</c> histogram (ONNX Runtime and the request checks inside the server, no gRPC
/// transport), scraped from the worker's <c>/metrics</c> (Prometheus text format). Null when the endpoint or the
/// metric is missing.
/// </summary>
internal sealed class ModelTime(int httpPort) : IDisposable
{
    private const string Metric = "mosmos_model_infer_duration_seconds_sum";
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<double?> SecondsAsync()
    {
        string text;
        try
        {
            text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Metric, StringComparison.Ordinal) || line.Length <= Metric.Length || line[Metric.Length] is not ('{' or ' '))
                continue;
            var labelsEnd = line.LastIndexOf('}');
            var value = line[(labelsEnd < 0 ? Metric.Length : labelsEnd + 1)..].Trim().Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    public void Dispose() => _http.Dispose();
}
