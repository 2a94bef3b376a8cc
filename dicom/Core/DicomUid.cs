using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Mosmos.Dicom;

/// <summary>UID rules and generation (PS3.5 §9 and §B.2).</summary>
public static class DicomUid
{
    /// <summary>MOSMOS's Implementation Class UID (PS3.7 D.3.3.2), derived once from our name under 2.25.</summary>
    public static readonly string ImplementationClassUid = Derive("mosmos", "implementation-class");

    /// <summary>At most 16 characters (SH).</summary>
    public const string ImplementationVersionName = "MOSMOS_1";

    /// <summary>≤ 64 characters; components of digits separated by dots; no empty component; no leading zero.</summary>
    public static bool IsValid(ReadOnlySpan<char> uid)
    {
        if (uid.Length is 0 or > 64) return false;
        int start = 0;
        for (int i = 0; i <= uid.Length; i++)
        {
            if (i < uid.Length && uid[i] != '.')
            {
                if (!char.IsAsciiDigit(uid[i])) return false;
                continue;
            }
            int len = i - start;
            if (len == 0 || (len > 1 && uid[start] == '0')) return false;
            start = i + 1;
        }
        return true;
    }

    /// <summary>A random UID under 2.25 (a UUID's 128 bits as a decimal).</summary>
    public static string Generate() => FromBits(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// A deterministic UID: 2.25 + the first 128 bits of SHA-256(key "/" purpose). The same key and purpose
    /// always give the same UID, which is how a redelivered job rewrites the same SEG and SR (DESIGN §4).
    /// </summary>
    public static string Derive(string key, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return FromBits(SHA256.HashData(Encoding.UTF8.GetBytes(key + "/" + purpose)).AsSpan(0, 16));
    }

    private static string FromBits(ReadOnlySpan<byte> bits) =>
        "2.25." + new BigInteger(bits, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
}
