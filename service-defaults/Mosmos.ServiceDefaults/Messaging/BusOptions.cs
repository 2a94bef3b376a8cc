using System.ComponentModel.DataAnnotations;

namespace Mosmos.ServiceDefaults.Messaging;

/// <summary>The message bus (configuration section <c>Bus</c>): in-memory for one process, or RabbitMQ.</summary>
public sealed class BusOptions : IValidatableObject
{
    public const string SectionName = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>A secret file holding the password (Docker/Kubernetes secrets), used when <see cref="Password"/> is empty.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>AMQPS with server certificate validation; <see cref="TlsServerName"/> must match the certificate.</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the broker's certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// PEM file of the CA certificate(s) that sign the broker's certificate (a private CA). Set: only a chain ending
    /// in one of them is trusted; empty: the machine's trust store.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>Client certificate (PEM) for a broker that asks for one (<c>ssl_options.verify = verify_peer</c>); with <see cref="TlsClientKeyFile"/>.</summary>
    public string? TlsClientCertificateFile { get; set; }

    /// <summary>The unencrypted private key (PEM) of <see cref="TlsClientCertificateFile"/>.</summary>
    public string? TlsClientKeyFile { get; set; }

    public string ResolvePassword() =>
        !string.IsNullOrEmpty(Password) ? Password : PasswordFile is { Length: > 0 } f ? File.ReadAllText(f).TrimEnd('\r', '\n') : string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport != BusTransport.RabbitMq) yield break;
        if (string.IsNullOrWhiteSpace(Host)) yield return new("Bus:Host is required for RabbitMQ", [nameof(Host)]);
        if (string.IsNullOrWhiteSpace(User)) yield return new("Bus:User is required for RabbitMQ (no guest access)", [nameof(User)]);
        if (string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(PasswordFile))
            yield return new("Bus:Password or Bus:PasswordFile is required for RabbitMQ", [nameof(Password)]);
        else if (string.IsNullOrEmpty(Password) && !File.Exists(PasswordFile))
            yield return new("Bus:PasswordFile does not exist", [nameof(PasswordFile)]);
        foreach (var error in TlsErrors())
            yield return error;
    }

    private IEnumerable<ValidationResult> TlsErrors()
    {
        bool anyFile = !string.IsNullOrEmpty(TlsCaFile) || !string.IsNullOrEmpty(TlsClientCertificateFile) || !string.IsNullOrEmpty(TlsClientKeyFile);
        if (anyFile && !UseTls)
            yield return new("Bus:TlsCaFile, Bus:TlsClientCertificateFile and Bus:TlsClientKeyFile need Bus:UseTls=true", [nameof(UseTls)]);
        if (!string.IsNullOrEmpty(TlsCaFile) && !File.Exists(TlsCaFile))
            yield return new($"Bus:TlsCaFile {TlsCaFile} does not exist", [nameof(TlsCaFile)]);
        if (string.IsNullOrEmpty(TlsClientCertificateFile) != string.IsNullOrEmpty(TlsClientKeyFile))
            yield return new("Bus:TlsClientCertificateFile and Bus:TlsClientKeyFile must be set together", [nameof(TlsClientCertificateFile)]);
        foreach (var (name, file) in new[] { (nameof(TlsClientCertificateFile), TlsClientCertificateFile), (nameof(TlsClientKeyFile), TlsClientKeyFile) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
                yield return new($"Bus:{name} {file} does not exist", [name]);
        }
    }
}

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
