using System.Security.Cryptography;
using System.Text;

namespace Mosmos.Contracts;

/// <summary>
/// The idempotency key (DESIGN §4): the same content and model never give two SEGs. Output UIDs are derived
/// from it by <c>Mosmos.Dicom.DicomUid.Derive</c>, so a redelivered job rewrites the same SOP instances.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>SeriesInstanceUID + SHA-256 of the sorted SOP Instance UIDs + model id.</summary>
    public static string For(string seriesInstanceUid, IEnumerable<string> sopInstanceUids, string modelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesInstanceUid);
        ArgumentNullException.ThrowIfNull(sopInstanceUids);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var sorted = sopInstanceUids.Order(StringComparer.Ordinal);
        var content = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join('\\', sorted))));
        return $"{seriesInstanceUid}|{content[..32]}|{modelId}";
    }
}
