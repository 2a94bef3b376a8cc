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

    public string? TlsServerName { get; set; }

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
    }
}

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
