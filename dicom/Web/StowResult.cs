using System.Globalization;
using System.Net;

namespace Mosmos.Dicom.Web;

/// <summary>An instance the server stored (an item of Referenced SOP Sequence (0008,1199), PS3.18 §10.5).</summary>
public sealed record StowReference(string? SopClassUid, string? SopInstanceUid, string? RetrieveUrl, ushort? WarningReason);

/// <summary>An instance the server refused (an item of Failed SOP Sequence (0008,1198)) with its Failure Reason (0008,1197).</summary>
public sealed record StowFailure(string? SopClassUid, string? SopInstanceUid, ushort? FailureReason)
{
    /// <summary>The reason as hex with its meaning (PS3.4 Annex B.2.3 C-STORE statuses, which STOW-RS reuses).</summary>
    public string Describe()
    {
        if (FailureReason is not { } reason) return "no Failure Reason given";
        string meaning = reason switch
        {
            0x0110 => "processing failure",
            0x0119 => "class/instance conflict",
            0x0122 => "SOP Class not supported",
            0x0124 => "not authorized",
            0x0213 => "resource limitation",
            >= 0xA700 and <= 0xA7FF => "refused: out of resources",
            >= 0xA900 and <= 0xA9FF => "error: data set does not match SOP Class",
            >= 0xC000 and <= 0xCFFF => "error: cannot understand",
            _ => "failure",
        };
        return string.Create(CultureInfo.InvariantCulture, $"Failure Reason {reason:X4}H ({meaning})");
    }
}

/// <summary>
/// The outcome of a STOW-RS request (PS3.18 §10.5): 200 all stored, 202 stored with warnings or some failed, 409 none
/// stored; Orthanc also answers 400 with the instances it did store. Failed SOP Sequence present with no value
/// means no failures. Instances sent but in neither sequence are <see cref="Unacknowledged"/>.
/// </summary>
public sealed record StowResult(
    HttpStatusCode StatusCode,
    string? RetrieveUrl,
    IReadOnlyList<StowReference> Referenced,
    IReadOnlyList<StowFailure> Failed,
    IReadOnlyList<string> Unacknowledged)
{
    public bool IsSuccess => Failed.Count == 0 && Unacknowledged.Count == 0 && StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted;

    /// <summary>Returns this result when every instance was stored; throws <see cref="DicomWebStoreException"/> naming the others.</summary>
    public StowResult EnsureSuccess() => IsSuccess ? this : throw new DicomWebStoreException(this);

    /// <summary>Reads the Store Instances Response (a DICOM JSON object) against the SOP Instance UIDs that were sent.</summary>
    public static StowResult From(HttpStatusCode statusCode, DicomDataset response, IReadOnlyCollection<string> sentSopInstanceUids)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(sentSopInstanceUids);
        var referenced = response.GetSequence(DicomTags.ReferencedSopSequence)
            .Select(i => new StowReference(i.GetString(DicomTags.ReferencedSopClassUid), i.GetString(DicomTags.ReferencedSopInstanceUid),
                i.GetString(DicomTags.RetrieveUrl), i.GetUInt16(DicomTags.WarningReason)))
            .ToArray();
        var failed = response.GetSequence(DicomTags.FailedSopSequence)
            .Select(i => new StowFailure(i.GetString(DicomTags.ReferencedSopClassUid), i.GetString(DicomTags.ReferencedSopInstanceUid),
                i.GetUInt16(DicomTags.FailureReason)))
            .ToArray();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uid in referenced.Select(r => r.SopInstanceUid).Concat(failed.Select(f => f.SopInstanceUid)))
        {
            if (uid is not null) answered.Add(uid);
        }
        var unacknowledged = sentSopInstanceUids.Where(uid => !answered.Contains(uid)).Distinct(StringComparer.Ordinal).ToArray();
        return new StowResult(statusCode, response.GetString(DicomTags.RetrieveUrl), referenced, failed, unacknowledged);
    }
}
