using MassTransit;
using Mosmos.Adapter.Jobs;
using Mosmos.Contracts;

namespace Mosmos.Adapter.Bus;

/// <summary>Keeps the job table in step with the workers' events. Idempotent: a redelivered event changes nothing.</summary>
public sealed class JobEventConsumers(IJobStore store) :
    IConsumer<SegmentationStarted>, IConsumer<SegmentationCompleted>, IConsumer<SegmentationFailed>
{
    public Task Consume(ConsumeContext<SegmentationStarted> context) =>
        store.MarkStartedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SegmentationCompleted> context) =>
        store.MarkCompletedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SegmentationFailed> context) =>
        store.MarkFailedAsync(context.Message, context.CancellationToken);
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
