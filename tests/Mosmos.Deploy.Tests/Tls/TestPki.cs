using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mosmos.ServiceDefaults.Tls;

namespace Mosmos.Deploy.Tests.Tls;

/// <summary>
/// A private PKI made for one test run with <see cref="CertificateRequest"/>: a self-signed CA, and server and client
/// certificates it signs, written as PEM files (certificate, PKCS#8 key) the way an operator would mount them.
/// RSA 2048 throughout: the one key type both .NET and Erlang's ssl (RabbitMQ) read from PEM everywhere.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TestPki(string directory, string name)
    {
        Directory = directory;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=MOSMOS test CA {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaFile = Path.Combine(directory, $"{name}-ca.pem");
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
    }

    public string Directory { get; }

    /// <summary>The CA certificate (PEM): what a client or server is told to trust.</summary>
    public string CaFile { get; }

    /// <summary>A server certificate for 127.0.0.1 and localhost; returns (certificate PEM, key PEM).</summary>
    public (string Certificate, string Key) IssueServer(string name) => Issue(name, CertificateFiles.ServerAuthentication, server: true);

    /// <summary>A client certificate for mutual TLS; returns (certificate PEM, key PEM).</summary>
    public (string Certificate, string Key) IssueClient(string name) => Issue(name, CertificateFiles.ClientAuthentication, server: false);

    private (string, string) Issue(string name, Oid purpose, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([purpose], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), _ca.NotAfter.AddMinutes(-1), serial);
        var certificateFile = Path.Combine(Directory, $"{name}.pem");
        var keyFile = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }

    public void Dispose() => _ca.Dispose();
}
