using Mosmos.Dicom;
using Mosmos.Dicom.Seg;
using Mosmos.Dicom.Web;

namespace Mosmos.Demo;

/// <summary>An instance Orthanc holds, found by QIDO-RS (PS3.18 §10.6) and retrieved by WADO-RS (§10.4).</summary>
internal sealed record StoredInstance(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid)
{
    /// <summary>The instance with this SOP Instance UID in the study, or null when the archive does not hold it.</summary>
    public static async Task<StoredInstance?> FindAsync(IDicomWebClient dicomWeb, string studyInstanceUid, string? sopInstanceUid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dicomWeb);
        if (string.IsNullOrEmpty(sopInstanceUid)) return null;
        var query = new QidoQuery().Match(DicomTags.SopInstanceUid, sopInstanceUid).Include(DicomTags.SeriesInstanceUid);
        await foreach (var found in dicomWeb.SearchInstancesAsync(studyInstanceUid, null, query, cancellationToken).ConfigureAwait(false))
        {
            if (found.GetString(DicomTags.SeriesInstanceUid) is { Length: > 0 } series)
                return new StoredInstance(studyInstanceUid, series, sopInstanceUid);
        }
        return null;
    }

    /// <summary>The SEG as stored, in Explicit VR Little Endian (SegReader refuses compressed pixel data).</summary>
    public static async Task<Segmentation> ReadSegmentationAsync(IDicomWebClient dicomWeb, StoredInstance seg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dicomWeb);
        ArgumentNullException.ThrowIfNull(seg);
        var file = await dicomWeb.RetrieveInstanceAsync(seg.StudyInstanceUid, seg.SeriesInstanceUid, seg.SopInstanceUid,
            DicomWebTransferSyntax.ExplicitVRLittleEndian, cancellationToken).ConfigureAwait(false);
        return SegReader.Read(file);
    }
}
