using System.Globalization;
using System.Text.Json;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// What the archive holds and what it announced: SEG and SR instances of a study by QIDO-RS (PS3.18 §10.6), and the
/// <c>StableStudy</c> changes of Orthanc's change feed (<c>/changes</c>, the adapter's source) per study.
/// </summary>
internal sealed class Archive(DicomWebClient dicomWeb, HttpClient orthanc)
{
    /// <summary>SOP Instance UIDs of the study's SEG instances and of its SR instances other than the uploaded report.</summary>
    public async Task<(List<string> Seg, List<string> Sr)> ResultsAsync(BenchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var seg = await InstancesAsync(study.StudyInstanceUid, "SEG");
        var sr = await InstancesAsync(study.StudyInstanceUid, "SR");
        sr.Remove(study.ReportSrInstanceUid);
        return (seg, sr);
    }

    /// <summary>The sequence number of Orthanc's newest change.</summary>
    public async Task<long> LastChangeAsync()
    {
        using var page = JsonDocument.Parse(await orthanc.GetStringAsync(new Uri("changes?last", UriKind.Relative)));
        return page.RootElement.GetProperty("Last").GetInt64();
    }

    /// <summary>StableStudy changes after sequence <paramref name="since"/>, counted per StudyInstanceUID of <paramref name="studies"/>.</summary>
    public async Task<Dictionary<string, int>> StableStudyChangesAsync(IEnumerable<BenchStudy> studies, long since = 0)
    {
        var byOrthancId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var study in studies)
            byOrthancId[await OrthancIdAsync(study.StudyInstanceUid)] = study.StudyInstanceUid;
        var counts = byOrthancId.Values.ToDictionary(uid => uid, _ => 0, StringComparer.Ordinal);
        while (true)
        {
            using var page = JsonDocument.Parse(await orthanc.GetStringAsync(
                new Uri(string.Create(CultureInfo.InvariantCulture, $"changes?since={since}&limit=1000"), UriKind.Relative)));
            foreach (var change in page.RootElement.GetProperty("Changes").EnumerateArray())
            {
                if (change.GetProperty("ChangeType").GetString() == "StableStudy" && byOrthancId.TryGetValue(change.GetProperty("ID").GetString()!, out var uid))
                    counts[uid]++;
            }
            since = page.RootElement.GetProperty("Last").GetInt64();
            if (page.RootElement.GetProperty("Done").GetBoolean()) return counts;
        }
    }

    private async Task<List<string>> InstancesAsync(string studyInstanceUid, string modality)
    {
        var found = new List<string>();
        await foreach (var series in dicomWeb.SearchSeriesAsync(studyInstanceUid, new QidoQuery().Match(DicomTags.Modality, modality)))
        {
            await foreach (var instance in dicomWeb.SearchInstancesAsync(studyInstanceUid, series.GetString(DicomTags.SeriesInstanceUid)))
                found.Add(instance.GetString(DicomTags.SopInstanceUid)!);
        }
        return found;
    }

    /// <summary>Orthanc's own identifier of the study (<c>POST /tools/lookup</c>).</summary>
    private async Task<string> OrthancIdAsync(string studyInstanceUid)
    {
        using var response = await orthanc.PostAsync(new Uri("tools/lookup", UriKind.Relative), new StringContent(studyInstanceUid));
        response.EnsureSuccessStatusCode();
        using var found = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return found.RootElement.EnumerateArray().Where(r => r.GetProperty("Type").GetString() == "Study")
            .Select(r => r.GetProperty("ID").GetString()!).Single();
    }
}
