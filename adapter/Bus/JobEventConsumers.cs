using MassTransit;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Metrics;
using Mosmos.Contracts;

namespace Mosmos.Adapter.Bus;

/// <summary>Keeps the job table in step with the workers' events. Idempotent: a redelivered event changes nothing.</summary>
public sealed class JobEventConsumers(IJobStore store, AdapterMetrics metrics) :
    IConsumer<SegmentationStarted>, IConsumer<SegmentationCompleted>, IConsumer<SegmentationFailed>
{
    public async Task Consume(ConsumeContext<SegmentationStarted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await store.MarkStartedAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        if (await store.GetAsync(context.Message.JobId, context.CancellationToken).ConfigureAwait(false) is { } job)
            metrics.Started(job, context.Message.StartedAt);
    }

    public async Task Consume(ConsumeContext<SegmentationCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await store.MarkCompletedAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        if (await store.FindByKeyAsync(context.Message.IdempotencyKey, context.CancellationToken).ConfigureAwait(false) is { FinishedAt: { } at } job)
            metrics.Finished(job, at, completed: true);
    }

    public async Task Consume(ConsumeContext<SegmentationFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await store.MarkFailedAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        if (await store.FindByKeyAsync(context.Message.IdempotencyKey, context.CancellationToken).ConfigureAwait(false) is { FinishedAt: { } at } job)
            metrics.Finished(job, at, completed: false);
    }
}

/// <summary>Retries job-table updates (a locked database, a transient I/O error) before the error queue.</summary>
public sealed class JobEventConsumersDefinition : ConsumerDefinition<JobEventConsumers>
{
    public JobEventConsumersDefinition() => EndpointName = "mosmos-adapter-job-events";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobEventConsumers> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
    }
}
