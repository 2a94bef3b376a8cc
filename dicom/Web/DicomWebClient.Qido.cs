using System.Runtime.CompilerServices;

namespace Mosmos.Dicom.Web;

public sealed partial class DicomWebClient
{
    private const string DicomJson = "application/dicom+json";

    public IAsyncEnumerable<DicomDataset> SearchStudiesAsync(QidoQuery? query = null, CancellationToken cancellationToken = default) =>
        SearchAsync("studies", query, cancellationToken);

    public IAsyncEnumerable<DicomDataset> SearchSeriesAsync(string? studyInstanceUid = null, QidoQuery? query = null,
        CancellationToken cancellationToken = default) =>
        SearchAsync(studyInstanceUid is null ? "series" : $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/series",
            query, cancellationToken);

    public IAsyncEnumerable<DicomDataset> SearchInstancesAsync(string? studyInstanceUid = null, string? seriesInstanceUid = null,
        QidoQuery? query = null, CancellationToken cancellationToken = default)
    {
        if (seriesInstanceUid is not null && studyInstanceUid is null)
            throw new ArgumentException("a series needs its study (PS3.18 §10.6.1)", nameof(studyInstanceUid));
        string path = (studyInstanceUid, seriesInstanceUid) switch
        {
            (null, _) => "instances",
            (_, null) => $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/instances",
            _ => $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/series/{Segment(seriesInstanceUid, nameof(seriesInstanceUid))}/instances",
        };
        return SearchAsync(path, query, cancellationToken);
    }

    /// <summary>
    /// Pages with limit/offset (PS3.18 §8.3.4.4) until a page comes back short. A server that caps the page below
    /// the requested limit says so with a <c>Warning: 299</c> header ("additional results"); paging then goes on.
    /// A page longer than the limit means the server ignored paging: it is the whole answer, and paging stops.
    /// </summary>
    private async IAsyncEnumerable<DicomDataset> SearchAsync(string path, QidoQuery? query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        query ??= new QidoQuery();
        query.Validate();
        int pageSize = query.PageSize ?? _options.QueryPageSize;
        int offset = query.Offset;
        int? remaining = query.Limit;
        string operation = $"QIDO-RS GET {path}";
        while (remaining is null or > 0)
        {
            int limit = remaining is { } r ? Math.Min(r, pageSize) : pageSize;
            var page = await SearchPageAsync(Resolve(path + query.ToQueryString(limit, offset)), operation, cancellationToken).ConfigureAwait(false);
            int count = page.Datasets.Count;
            foreach (var dataset in page.Datasets.Take(remaining ?? count))
                yield return dataset;
            // More than asked for: the server ignores limit/offset and sent everything; asking again would repeat it.
            if (count == 0 || count > limit || (count < limit && !page.MoreAvailable)) yield break;
            offset += count;
            if (remaining is not null) remaining -= count;
        }
    }

    private async Task<(IReadOnlyList<DicomDataset> Datasets, bool MoreAvailable)> SearchPageAsync(Uri uri, string operation, CancellationToken cancellationToken)
    {
        using var scope = Begin(cancellationToken);
        try
        {
            using var response = await SendAsync(HttpMethod.Get, uri, operation, DicomJson, null, scope).ConfigureAwait(false);
            bool more = response.Headers.Warning.Any(w => w.Code == 299 && w.Text.Contains("additional", StringComparison.OrdinalIgnoreCase));
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return ([], false);
            var body = await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, operation, scope.Token).ConfigureAwait(false);
            if (body.Length == 0) return ([], false);
            return (DicomJsonReader.ReadArray(body, JsonOptions(null)), more);
        }
        catch (Exception e) when (scope.Translate(e, operation) is { } translated)
        {
            throw translated;
        }
    }

    private DicomJsonReaderOptions JsonOptions(ICollection<DicomBulkDataReference>? bulkData) => new()
    {
        MaxDocumentBytes = _options.MaxResponseBytes,
        BulkData = bulkData is null ? null : reference =>
        {
            bulkData.Add(reference);
            return null;
        },
    };
}
