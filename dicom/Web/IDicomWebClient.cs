namespace Mosmos.Dicom.Web;

/// <summary>
/// The DICOMweb server seam (STYLE: interfaces only at real seams): the Studies Service transactions of PS3.18 §10
/// that MOSMOS uses. Implemented by <see cref="DicomWebClient"/>.
/// </summary>
public interface IDicomWebClient
{
    /// <summary>QIDO-RS Search for Studies (PS3.18 §10.6), paged transparently (§8.3.4.4).</summary>
    IAsyncEnumerable<DicomDataset> SearchStudiesAsync(QidoQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>QIDO-RS Search for Series, all or within a study.</summary>
    IAsyncEnumerable<DicomDataset> SearchSeriesAsync(string? studyInstanceUid = null, QidoQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>QIDO-RS Search for Instances, all, within a study, or within a series.</summary>
    IAsyncEnumerable<DicomDataset> SearchInstancesAsync(string? studyInstanceUid = null, string? seriesInstanceUid = null,
        QidoQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>WADO-RS Retrieve Metadata (PS3.18 §10.4) of a study, a series (when <paramref name="seriesInstanceUid"/> is set)
    /// or an instance; BulkDataURIs met are added to <paramref name="bulkData"/> when given.</summary>
    Task<IReadOnlyList<DicomDataset>> RetrieveMetadataAsync(string studyInstanceUid, string? seriesInstanceUid = null,
        string? sopInstanceUid = null, ICollection<DicomBulkDataReference>? bulkData = null, CancellationToken cancellationToken = default);

    /// <summary>WADO-RS Retrieve Frames, streamed one part at a time (see <see cref="DicomWebFrame"/>).</summary>
    IAsyncEnumerable<DicomWebFrame> RetrieveFramesAsync(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid,
        IReadOnlyList<int> frameNumbers, string transferSyntax = DicomWebTransferSyntax.ExplicitVRLittleEndian,
        CancellationToken cancellationToken = default);

    /// <summary>WADO-RS Retrieve Instance as a Part 10 file.</summary>
    Task<DicomFile> RetrieveInstanceAsync(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid,
        string? transferSyntax = null, CancellationToken cancellationToken = default);

    /// <summary>WADO-RS Retrieve Series: its instances as Part 10 files, one at a time.</summary>
    IAsyncEnumerable<DicomFile> RetrieveSeriesAsync(string studyInstanceUid, string seriesInstanceUid,
        string? transferSyntax = null, CancellationToken cancellationToken = default);

    /// <summary>WADO-RS Retrieve Bulkdata from a BulkDataURI of the metadata.</summary>
    Task<byte[]> RetrieveBulkDataAsync(Uri bulkDataUri, CancellationToken cancellationToken = default);

    /// <summary>STOW-RS (PS3.18 §10.5): stores data sets in one multipart request, optionally into one study.</summary>
    Task<StowResult> StoreAsync(IEnumerable<DicomDataset> datasets, string? studyInstanceUid = null, CancellationToken cancellationToken = default);

    /// <summary>STOW-RS of read Part 10 files, each in its own transfer syntax where it can be written.</summary>
    Task<StowResult> StoreAsync(IEnumerable<DicomFile> files, string? studyInstanceUid = null, CancellationToken cancellationToken = default);

    /// <summary>STOW-RS of Part 10 files from disk, streamed as they are.</summary>
    Task<StowResult> StoreFilesAsync(IEnumerable<string> paths, string? studyInstanceUid = null, CancellationToken cancellationToken = default);
}
