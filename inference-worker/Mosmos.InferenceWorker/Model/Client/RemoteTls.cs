using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Mosmos.ServiceDefaults.Tls;

namespace Mosmos.InferenceWorker.Model.Client;

/// <summary>
/// TLS of the channel to a remote model server (an https <see cref="ModelServerOptions.RemoteUrl"/>): trust only
/// <see cref="ModelServerOptions.RemoteCaFile"/> when set (else the machine's store), and present
/// <see cref="ModelServerOptions.RemoteClientCertificateFile"/> when set. The host name is always checked.
/// </summary>
internal sealed record RemoteTls(X509Certificate2Collection? TrustedRoots, X509Certificate2? ClientCertificate)
{
    public static RemoteTls? From(ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roots = string.IsNullOrEmpty(options.RemoteCaFile) ? null : CertificateFiles.LoadCertificates(options.RemoteCaFile);
        var client = string.IsNullOrEmpty(options.RemoteClientCertificateFile) || string.IsNullOrEmpty(options.RemoteClientKeyFile)
            ? null
            : CertificateFiles.LoadCertificateWithKey(options.RemoteClientCertificateFile, options.RemoteClientKeyFile);
        return roots is null && client is null ? null : new RemoteTls(roots, client);
    }

    public void Apply(SslClientAuthenticationOptions ssl)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        if (TrustedRoots is not null)
            ssl.CertificateChainPolicy = CertificateFiles.TrustOnly(TrustedRoots, CertificateFiles.ServerAuthentication);
        if (ClientCertificate is not null)
            ssl.ClientCertificates = [ClientCertificate];
    }
}
