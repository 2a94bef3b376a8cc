using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Mosmos.Contracts;

/// <summary>
/// The idempotency key and the deterministic output UIDs derived from it (DESIGN §4): the same content and
/// model never give two SEGs, and a redelivered job rewrites the same SOP instances.
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

    /// <summary>
    /// A UID under the 2.25 root (PS3.5 B.2): the decimal of the first 128 bits of SHA-256(key/purpose).
    /// At most 2 + 39 digits, so always ≤ 64 characters and without a leading zero.
    /// </summary>
    public static string DeriveUid(string key, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key + "/" + purpose));
        var value = new BigInteger(hash.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
