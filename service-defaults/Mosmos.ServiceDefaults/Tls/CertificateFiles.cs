using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mosmos.ServiceDefaults.Tls;

/// <summary>
/// PEM certificate files as our TLS options name them (a CA bundle to trust, a certificate with its key) and the
/// one trust rule every MOSMOS TLS connection applies to a private CA: the peer's chain must end in one of the
/// given roots (custom root trust, the machine's store is not consulted), for the given purpose (server or
/// client authentication). Revocation is not checked: a private PKI for a model server or broker is rotated by
/// replacing the CA or the certificate, and its certificates carry no CRL distribution point.
/// </summary>
public static class CertificateFiles
{
    /// <summary>id-kp-serverAuth (RFC 5280 §4.2.1.12).</summary>
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>id-kp-clientAuth (RFC 5280 §4.2.1.12).</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Every certificate of a PEM file (a CA bundle); a file without one is an error that names it.</summary>
    public static X509Certificate2Collection LoadCertificates(string pemFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(pemFile);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(pemFile);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"{pemFile} is not a PEM certificate file: {e.Message}", e);
        }
        if (certificates.Count == 0)
            throw new CryptographicException($"{pemFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return certificates;
    }

    /// <summary>A certificate (PEM) with its unencrypted private key (PEM, PKCS#8 or PKCS#1), for client authentication.</summary>
    public static X509Certificate2 LoadCertificateWithKey(string certificateFile, string keyFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateFile);
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"{certificateFile} with key {keyFile} is not a usable certificate and key pair: {e.Message}", e);
        }
    }

    /// <summary>A chain policy that trusts only <paramref name="roots"/>, for certificates of the given purpose.</summary>
    public static X509ChainPolicy TrustOnly(X509Certificate2Collection roots, Oid purpose)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(purpose);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        policy.ApplicationPolicy.Add(purpose);
        return policy;
    }

    /// <summary>
    /// Whether a peer certificate chains to <paramref name="roots"/> for <paramref name="purpose"/>. Errors other
    /// than the chain's (a name mismatch, no certificate) are never forgiven.
    /// </summary>
    public static bool IsTrusted(X509Certificate2Collection roots, Oid purpose, X509Certificate? certificate, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            return false;
        using var chain = new X509Chain { ChainPolicy = TrustOnly(roots, purpose) };
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return chain.Build(leaf);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
                element.Certificate.Dispose();
        }
    }
}
