using System.Net;

namespace Mosmos.Dicom.Web;

public sealed partial class DicomWebClient
{
    public Task<StowResult> StoreAsync(IEnumerable<DicomDataset> datasets, string? studyInstanceUid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var sources = datasets.Select(d => new StowSource(SopInstanceUidOf(d), null, d, TransferSyntax.ExplicitVRLittleEndian)).ToArray();
        return StoreCoreAsync(sources, studyInstanceUid, cancellationToken);
    }

    /// <summary>STOW-RS of read files: each is written in its own transfer syntax where it can be (encapsulated pixel data stays as is).</summary>
    public Task<StowResult> StoreAsync(IEnumerable<DicomFile> files, string? studyInstanceUid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sources = files.Select(f => new StowSource(SopInstanceUidOf(f.Dataset), null, f.Dataset,
            f.TransferSyntax.IsEncapsulated || f.TransferSyntax == TransferSyntax.ImplicitVRLittleEndian ? f.TransferSyntax : TransferSyntax.ExplicitVRLittleEndian)).ToArray();
        return StoreCoreAsync(sources, studyInstanceUid, cancellationToken);
    }

    public Task<StowResult> StoreFilesAsync(IEnumerable<string> paths, string? studyInstanceUid = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var headerOnly = new DicomReadOptions { StopBeforePixelData = true };
        var sources = paths.Select(p => new StowSource(SopInstanceUidOf(DicomFile.Open(p, headerOnly).Dataset), p, null, null)).ToArray();
        return StoreCoreAsync(sources, studyInstanceUid, cancellationToken);
    }

    /// <summary>
    /// One POST to <c>studies</c> or <c>studies/{uid}</c> (PS3.18 §10.5.1). 200, 202 and 409 carry a Store Instances
    /// Response and become a <see cref="StowResult"/>, as does a 400 that carries one (Orthanc 1.10 answers 400 when
    /// any part is unreadable, listing what it stored). Any other status throws.
    /// </summary>
    private async Task<StowResult> StoreCoreAsync(StowSource[] sources, string? studyInstanceUid, CancellationToken cancellationToken)
    {
        if (sources.Length == 0) throw new ArgumentException("nothing to store", nameof(sources));
        string path = studyInstanceUid is null ? "studies" : $"studies/{Segment(studyInstanceUid, nameof(studyInstanceUid))}";
        string operation = $"STOW-RS POST {path}";
        using var scope = Begin(cancellationToken);
        try
        {
            using var response = await SendAsync(HttpMethod.Post, Resolve(path), operation, DicomJson, new StowContent(sources), scope,
                allowErrorStatus: true).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Conflict or HttpStatusCode.BadRequest))
                throw await ErrorAsync(response, operation, scope).ConfigureAwait(false);
            var body = await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, operation, scope.Token).ConfigureAwait(false);
            DicomDataset? dataset = null;
            try
            {
                dataset = body.Length == 0 ? null : DicomJsonReader.Read(body, JsonOptions(null));
            }
            catch (DicomFormatException) when (response.StatusCode == HttpStatusCode.BadRequest)
            {
                // A plain 400 with a diagnostic body rather than a Store Instances Response.
            }
            if (dataset is null && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
                throw new DicomWebException($"{operation} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode)
                {
                    ResponseText = body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096)),
                };
            return StowResult.From(response.StatusCode, dataset ?? new DicomDataset(), sources.Select(s => s.SopInstanceUid).ToArray());
        }
        catch (Exception e) when (scope.Translate(e, operation) is { } translated)
        {
            throw translated;
        }
    }

    private static string SopInstanceUidOf(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var uid = dataset.GetString(DicomTags.SopInstanceUid);
        return string.IsNullOrEmpty(uid) ? throw new ArgumentException("every instance to store needs a SOP Instance UID") : uid;
    }
}
