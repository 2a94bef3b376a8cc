using Mosmos.Contracts;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Pipeline;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// The model a job names (<c>name@version</c> or <c>name</c>), as a lease on the registry: a hot reload during the
/// job leaves this job on the card and session it started with.
/// </summary>
internal sealed class ModelCards(ModelRegistry registry)
{
    public ModelLease Rent(string modelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var at = modelId.IndexOf('@', StringComparison.Ordinal);
        var (name, version) = at < 0 ? (modelId, null) : (modelId[..at], modelId[(at + 1)..]);
        return registry.TryRent(name, version) ?? throw new SegmentationException(FailureReason.ModelUnavailable,
            $"model '{modelId}' is not loaded on this worker (serving: {Serving()}); publish it to the registry — the job is retried",
            permanent: false);
    }

    /// <summary>The only model, or the first by name: the offline command's default.</summary>
    public ModelLease RentDefault()
    {
        var first = registry.Models.OrderBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault()
            ?? throw SegmentationException.Rejected(FailureReason.ModelUnavailable, "no model is loaded: give --model FILE (with FILE.sha256 beside it)");
        return Rent(first.Name);
    }

    private string Serving()
    {
        var models = registry.Models.Select(m => $"{m.Name}@{m.Version}").Order(StringComparer.Ordinal).ToList();
        return models.Count == 0 ? "none" : string.Join(", ", models);
    }
}
