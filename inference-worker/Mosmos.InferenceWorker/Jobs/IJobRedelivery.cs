using MassTransit;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// The transport seam of delayed redelivery: put a copy of the job back on the job queue after a delay, with its
/// redelivery count, and complete only once the broker has it (so acking the original loses nothing).
/// RabbitMQ: <see cref="RabbitMqWaitQueues"/>; in-memory: <see cref="InMemoryRedelivery"/>.
/// </summary>
internal interface IJobRedelivery
{
    Task RedeliverAsync(ConsumeContext<SegmentSeries> context, TimeSpan delay, int redeliveryCount);
}

/// <summary>The in-memory transport delays sends natively (SendContext.Delay), as MassTransit's own redelivery does there.</summary>
internal sealed class InMemoryRedelivery : IJobRedelivery
{
    public async Task RedeliverAsync(ConsumeContext<SegmentSeries> context, TimeSpan delay, int redeliveryCount)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = await context.GetSendEndpoint(context.ReceiveContext.InputAddress).ConfigureAwait(false);
        await endpoint.Send(context.Message, send =>
        {
            send.Delay = delay;
            send.Headers.Set(MessageHeaders.RedeliveryCount, redeliveryCount);
        }, context.CancellationToken).ConfigureAwait(false);
    }
}
