namespace Mosmos.Testing;

/// <summary>Where the test RabbitMQ listens (AMQP 0-9-1) and how to log in.</summary>
/// <param name="Host">Host name or address, e.g. <c>127.0.0.1</c>.</param>
/// <param name="Port">AMQP port.</param>
/// <param name="VirtualHost">The vhost to name explicitly: the test node has no "/".</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password (never printed by <see cref="ToString"/>).</param>
/// <param name="RabbitMqCtl">The node's rabbitmqctl wrapper, when started by ./mosmos services; null otherwise.</param>
public sealed record RabbitMqConnection(string Host, int Port, string VirtualHost, string User, string Password, string? RabbitMqCtl)
{
    /// <summary>The AMQP URI with the password, for clients that take one (keep it out of logs).</summary>
    public Uri AmqpUri => new($"amqp://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}");

    /// <summary>The services' <c>Bus</c> configuration section for this broker, for any host or process that should join it.</summary>
    public Dictionary<string, string> BusSettings() => new(StringComparer.Ordinal)
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:Host"] = Host,
        ["Bus:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus:VirtualHost"] = VirtualHost,
        ["Bus:User"] = User,
        ["Bus:Password"] = Password,
    };

    /// <inheritdoc/>
    public override string ToString() => $"RabbitMQ amqp://{Host}:{Port}/{VirtualHost} (user {User})";
}
