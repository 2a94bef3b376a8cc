using System.Runtime.CompilerServices;

namespace Mosmos.Dicom.Web;

public sealed partial class DicomWebClient
{
    public async Task<IReadOnlyList<DicomDataset>> RetrieveMetadataAsync(string studyInstanceUid, string? seriesInstanceUid = null,
        string? sopInstanceUid = null, ICollection<DicomBulkDataReference>? bulkData = null, CancellationToken cancellationToken = default)
    {
        if (sopInstanceUid is not null && seriesInstanceUid is null)
            throw new ArgumentException("an instance needs its series", nameof(seriesInstanceUid));
        string path = sopInstanceUid is not null ? InstancePath(studyInstanceUid, seriesInstanceUid!, sopInstanceUid)
            : seriesInstanceUid is not null ? $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/series/{Segment(seriesInstanceUid, nameof(seriesInstanceUid))}"
            : $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}";
        path += "/metadata";
        string operation = $"WADO-RS GET {path}";
        using var scope = Begin(cancellationToken);
        try
        {
            using var response = await SendAsync(HttpMethod.Get, Resolve(path), operation, DicomJson, null, scope).ConfigureAwait(false);
            var body = await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, operation, scope.Token).ConfigureAwait(false);
            return DicomJsonReader.ReadArray(body, JsonOptions(bulkData));
        }
        catch (Exception e) when (scope.Translate(e, operation) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// WADO-RS Retrieve Instance (PS3.18 §10.4) as <c>multipart/related; type="application/dicom"</c> (Orthanc answers
    /// 400 to a bare <c>application/dicom</c>); <paramref name="transferSyntax"/> null lets the server choose.
    /// </summary>
    public async Task<DicomFile> RetrieveInstanceAsync(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid,
        string? transferSyntax = null, CancellationToken cancellationToken = default)
    {
        string path = InstancePath(studyInstanceUid, seriesInstanceUid, sopInstanceUid);
        var response = await OpenMultipartAsync(path, $"WADO-RS GET {path}", DicomAccept(transferSyntax), cancellationToken).ConfigureAwait(false);
        await using (response.ConfigureAwait(false))
        {
            var part = await response.NextAsync().ConfigureAwait(false)
                ?? throw new DicomWebException($"{response.Operation}: the response holds no instance");
            return await ReadPart10Async(response, part, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<DicomFile> RetrieveSeriesAsync(string studyInstanceUid, string seriesInstanceUid,
        string? transferSyntax = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string path = $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}/series/{Segment(seriesInstanceUid, nameof(seriesInstanceUid))}";
        var response = await OpenMultipartAsync(path, $"WADO-RS GET {path}", DicomAccept(transferSyntax), cancellationToken).ConfigureAwait(false);
        await using (response.ConfigureAwait(false))
        {
            while (await response.NextAsync().ConfigureAwait(false) is { } part)
                yield return await ReadPart10Async(response, part, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// WADO-RS Retrieve Bulkdata (PS3.18 §10.4) of a BulkDataURI from the metadata. The URI must point at the
    /// configured server: credentials are never sent anywhere else.
    /// </summary>
    public async Task<byte[]> RetrieveBulkDataAsync(Uri bulkDataUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bulkDataUri);
        var uri = bulkDataUri.IsAbsoluteUri ? bulkDataUri : new Uri(_root, bulkDataUri);
        if (Uri.Compare(uri, _root, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new DicomWebException("WADO-RS bulk data: the BulkDataURI points at another server than the configured one");
        string operation = $"WADO-RS GET {uri.AbsolutePath}";
        using var scope = Begin(cancellationToken);
        try
        {
            var response = await SendAsync(HttpMethod.Get, uri, operation, "multipart/related; type=\"application/octet-stream\"", null, scope).ConfigureAwait(false);
            var multipart = await MultipartResponse.TryOpenAsync(scope, response, operation, _options.MaxResponseBytes).ConfigureAwait(false);
            if (multipart is null)
            {
                using (response)
                    return await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, operation, scope.Token).ConfigureAwait(false);
            }
            await using (multipart.ConfigureAwait(false))
            {
                var part = await multipart.NextAsync().ConfigureAwait(false)
                    ?? throw new DicomWebException($"{operation}: the response holds no part");
                return await multipart.ReadAsync(token => part.ReadAllAsync(token), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (scope.Translate(e, operation) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<DicomFile> ReadPart10Async(MultipartResponse response, MultipartPart part, CancellationToken cancellationToken)
    {
        var options = new DicomReadOptions { MaxElementLength = Math.Min(_options.MaxResponseBytes, DicomReadOptions.Default.MaxElementLength) };
        return await response.ReadAsync(token => new ValueTask<DicomFile>(DicomFile.ReadAsync(part.OpenRead(), options, token)), cancellationToken)
            .ConfigureAwait(false);
    }

    private static string DicomAccept(string? transferSyntax) =>
        transferSyntax is null ? "multipart/related; type=\"application/dicom\""
            : $"multipart/related; type=\"application/dicom\"; transfer-syntax={transferSyntax}";
}
