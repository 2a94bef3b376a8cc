using Mosmos.Contracts;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Pipeline;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>The configured DICOMweb servers by name (<c>SegmentSeries.SourceServer</c>), one client each for the process.</summary>
internal sealed class DicomWebSources : IDisposable
{
    private readonly IReadOnlyDictionary<string, IDicomWebClient> _clients;

    public DicomWebSources(IReadOnlyDictionary<string, IDicomWebClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
    }

    public static DicomWebSources FromOptions(JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DicomWebSources(options.Sources.ToDictionary(s => s.Key, s => (IDicomWebClient)new DicomWebClient(s.Value), StringComparer.Ordinal));
    }

    /// <summary>The client for a source; an unknown name is a configuration problem no retry can fix.</summary>
    public IDicomWebClient Get(string name)
    {
        if (_clients.TryGetValue(name, out var client))
            return client;
        throw SegmentationException.Rejected(FailureReason.SourceUnavailable,
            $"no DICOMweb source named '{name}' is configured on this worker (known: {string.Join(", ", _clients.Keys.Order(StringComparer.Ordinal))}); " +
            $"add Jobs:Sources:{name} to its configuration and re-run the job");
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            (client as IDisposable)?.Dispose();
    }
}
