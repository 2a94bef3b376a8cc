using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Selection;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Adapter.Dispatch;

/// <summary>
/// Examines a study through DICOMweb alone, so any archive works: QIDO-RS for the series and their instances,
/// and the WADO-RS metadata of one representative instance per series for the attributes QIDO does not index
/// (ImageType, ImageOrientationPatient, SliceThickness, ContrastBolusAgent).
/// </summary>
public sealed class DicomWebStudyExaminer(IDicomWebClient client) : IStudyExaminer
{
    public async Task<IReadOnlyList<SeriesCandidate>> ExamineAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(studyInstanceUid);
        var seriesQuery = new QidoQuery().Include(DicomTags.Modality, DicomTags.SeriesDescription, DicomTags.BodyPartExamined,
            DicomTags.Manufacturer, DicomTags.StudyDescription);
        var candidates = new List<SeriesCandidate>();
        await foreach (var series in client.SearchSeriesAsync(studyInstanceUid, seriesQuery, cancellationToken).ConfigureAwait(false))
        {
            var seriesUid = series.GetString(DicomTags.SeriesInstanceUid);
            if (string.IsNullOrEmpty(seriesUid)) continue;
            var sops = new List<string>();
            string? sopClass = null;
            await foreach (var instance in client.SearchInstancesAsync(studyInstanceUid, seriesUid, null, cancellationToken).ConfigureAwait(false))
            {
                if (instance.GetString(DicomTags.SopInstanceUid) is { Length: > 0 } sop) sops.Add(sop);
                sopClass ??= instance.GetString(DicomTags.SopClassUid);
            }
            var modality = series.GetString(DicomTags.Modality) ?? string.Empty;
            var representative = sops.Count == 0 || modality is "SEG" or "SR" or "PR" or "KO"
                ? null
                : await RepresentativeAsync(studyInstanceUid, seriesUid, sops[sops.Count / 2], cancellationToken).ConfigureAwait(false);
            candidates.Add(new SeriesCandidate(
                studyInstanceUid, seriesUid, modality, sopClass,
                series.GetString(DicomTags.BodyPartExamined) ?? representative?.GetString(DicomTags.BodyPartExamined),
                series.GetString(DicomTags.StudyDescription) ?? representative?.GetString(DicomTags.StudyDescription),
                series.GetString(DicomTags.SeriesDescription),
                representative?.GetDouble(DicomTags.SliceThickness),
                representative?.GetDoubles(DicomTags.ImageOrientationPatient) ?? [],
                representative?.GetStrings(DicomTags.ImageType) ?? [],
                representative?.GetString(DicomTags.ContrastBolusAgent),
                series.GetString(DicomTags.Manufacturer) ?? representative?.GetString(DicomTags.Manufacturer),
                sops));
        }
        return candidates;
    }

    private async Task<DicomDataset?> RepresentativeAsync(string study, string series, string sop, CancellationToken cancellationToken)
    {
        var metadata = await client.RetrieveMetadataAsync(study, series, sop, null, cancellationToken).ConfigureAwait(false);
        return metadata.Count > 0 ? metadata[0] : null;
    }
}

public static class DicomWebExaminerRegistration
{
    /// <summary>The DICOMweb client of the followed Orthanc (same credentials) and the examiner over it.</summary>
    public static IServiceCollection AddDicomWebExaminer(this IServiceCollection services)
    {
        services.AddSingleton<IDicomWebClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<OrthancSourceOptions>>().Value;
            return new DicomWebClient(new DicomWebClientOptions
            {
                BaseUrl = o.ResolvedDicomWebUrl, Username = o.User, Password = o.ResolvePassword(), MaxResponseBytes = o.MaxResponseBytes,
            });
        });
        services.AddSingleton<IStudyExaminer, DicomWebStudyExaminer>();
        return services;
    }
}
