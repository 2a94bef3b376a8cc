using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Contracts;
using Mosmos.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// Delayed redelivery on plain RabbitMQ 3.10 (no delayed-message-exchange plugin): one wait queue per delay,
/// <c>mosmos-segment-series-wait-30000ms</c>, declared with <c>x-message-ttl</c> = the delay and
/// <c>x-dead-letter-exchange</c> = the job endpoint's exchange, bound to a fanout exchange of the same name and
/// never consumed. A job sent there expires after the delay and RabbitMQ dead-letters it back onto the job queue,
/// headers intact. A queue-wide TTL (not per-message expiration) keeps every queue first-in first-out, so a long
/// delay never holds back a shorter one. Durable queue, persistent messages, publisher confirms: nothing is lost
/// while it waits, and a worker restart does not matter.
/// </summary>
internal sealed partial class RabbitMqWaitQueues(IOptions<BusOptions> bus, ILogger<RabbitMqWaitQueues> logger) : IJobRedelivery, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    public static string QueueName(TimeSpan delay) =>
        string.Create(CultureInfo.InvariantCulture, $"{SegmentSeriesConsumerDefinition.EndpointNameValue}-wait-{(long)delay.TotalMilliseconds}ms");

    public async Task RedeliverAsync(ConsumeContext<SegmentSeries> context, TimeSpan delay, int redeliveryCount)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = QueueName(delay);
        await EnsureDeclaredAsync(name, delay, context.CancellationToken).ConfigureAwait(false);
        var endpoint = await context.GetSendEndpoint(new Uri("exchange:" + name)).ConfigureAwait(false);
        await endpoint.Send(context.Message, send => send.Headers.Set(MessageHeaders.RedeliveryCount, redeliveryCount), context.CancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Declares the wait queue (idempotent on the broker; once per process here).</summary>
    public async Task EnsureDeclaredAsync(string name, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_declared.Contains(name)) return;
            var o = bus.Value;
            var factory = new ConnectionFactory
            {
                HostName = o.Host,
                Port = o.Port,
                VirtualHost = o.VirtualHost,
                UserName = o.User,
                Password = o.ResolvePassword(),
                ClientProvidedName = "mosmos-worker-wait-queues",
            };
            if (o.UseTls)
                factory.Ssl = new SslOption(o.TlsServerName ?? o.Host) { Enabled = true };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            var arguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = SegmentSeriesConsumerDefinition.EndpointNameValue,
            };
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await channel.QueueBindAsync(name, name, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            _declared.Add(name);
            JobLog.WaitQueueDeclared(logger, name, delay);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
