using System.Security.Authentication;
using MassTransit;
using Mosmos.ServiceDefaults.Tls;

namespace Mosmos.ServiceDefaults.Messaging;

/// <summary>
/// AMQPS to RabbitMQ from <see cref="BusOptions"/>: TLS 1.2 or 1.3, the broker's certificate checked for
/// <see cref="BusOptions.TlsServerName"/> (or the host) against the machine's trust store or, with
/// <see cref="BusOptions.TlsCaFile"/>, only against that CA; a client certificate when configured.
/// </summary>
internal static class BusTls
{
    public static void Configure(IRabbitMqSslConfigurator ssl, BusOptions options)
    {
        ssl.ServerName = string.IsNullOrEmpty(options.TlsServerName) ? options.Host : options.TlsServerName;
        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (!string.IsNullOrEmpty(options.TlsCaFile))
        {
            var roots = CertificateFiles.LoadCertificates(options.TlsCaFile);
            ssl.CertificateValidationCallback = (_, certificate, _, errors) =>
                CertificateFiles.IsTrusted(roots, CertificateFiles.ServerAuthentication, certificate, errors);
        }
        if (!string.IsNullOrEmpty(options.TlsClientCertificateFile) && !string.IsNullOrEmpty(options.TlsClientKeyFile))
            ssl.Certificate = CertificateFiles.LoadCertificateWithKey(options.TlsClientCertificateFile, options.TlsClientKeyFile);
    }
}
