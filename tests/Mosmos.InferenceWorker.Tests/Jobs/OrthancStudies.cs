using Mosmos.Dicom;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>Puts synthetic series into the test Orthanc and looks at what the worker stored back.</summary>
internal static class OrthancStudies
{
    public static async Task UploadAsync(SyntheticCt series)
    {
        using var client = await ClientAsync();
        (await client.StoreAsync(series.Build(), series.StudyInstanceUid)).EnsureSuccess();
    }

    /// <summary>The series of the study with the given modality (QIDO-RS), with their instance counts; the test Orthanc unless another is named.</summary>
    public static async Task<List<(string SeriesInstanceUid, string? Description, int Instances)>> SeriesAsync(string studyInstanceUid, string modality,
        OrthancConnection? orthanc = null)
    {
        using var client = new DicomWebClient(WorkerHost.SourceOptions(orthanc ?? await TestServices.GetOrthancAsync()));
        var found = new List<(string, string?, int)>();
        var query = new QidoQuery().Match(DicomTags.Modality, modality).Include(DicomTags.SeriesDescription, DicomTags.NumberOfSeriesRelatedInstances);
        await foreach (var series in client.SearchSeriesAsync(studyInstanceUid, query))
        {
            found.Add((series.GetString(DicomTags.SeriesInstanceUid)!, series.GetString(DicomTags.SeriesDescription),
                series.GetInt32(DicomTags.NumberOfSeriesRelatedInstances) ?? -1));
        }
        return found;
    }

    /// <summary>SOP Instance UIDs of every instance of the study with that modality (QIDO-RS), in the test Orthanc.</summary>
    public static async Task<List<string>> InstancesAsync(string studyInstanceUid, string modality)
    {
        using var client = await ClientAsync();
        var found = new List<string>();
        foreach (var series in await SeriesAsync(studyInstanceUid, modality))
        {
            await foreach (var instance in client.SearchInstancesAsync(studyInstanceUid, series.SeriesInstanceUid))
                found.Add(instance.GetString(DicomTags.SopInstanceUid)!);
        }
        return found;
    }

    private static async Task<DicomWebClient> ClientAsync() => new(WorkerHost.SourceOptions(await TestServices.GetOrthancAsync()));
}
