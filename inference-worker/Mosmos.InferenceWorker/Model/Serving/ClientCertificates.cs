using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Mosmos.ServiceDefaults.Tls;

namespace Mosmos.InferenceWorker.Model.Serving;

/// <summary>
/// Mutual TLS on the model server: with <see cref="ModelServerOptions.ClientCaFile"/> set, every HTTPS endpoint of
/// this process (in practice the gRPC one, <c>Kestrel:Endpoints:Grpc</c> with an https URL and a certificate)
/// requires a client certificate for client authentication that chains to that CA; others fail the handshake.
/// The server's own certificate is Kestrel's endpoint configuration (<c>Certificate:Path</c>, <c>KeyPath</c>).
/// </summary>
internal static class ClientCertificates
{
    public static void Require(KestrelServerOptions kestrel, string clientCaFile)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var roots = CertificateFiles.LoadCertificates(clientCaFile);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, errors) =>
                CertificateFiles.IsTrusted(roots, CertificateFiles.ClientAuthentication, certificate, errors);
        });
    }
}
