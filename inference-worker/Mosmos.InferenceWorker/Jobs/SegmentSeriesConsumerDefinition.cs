using MassTransit;
using Microsoft.Extensions.Options;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// The job endpoint (<see cref="EndpointNameValue"/>): one job per model slot with a matching prefetch, so a worker
/// never holds jobs another worker could run; then, outermost first, delayed redelivery with back-off
/// (<see cref="JobRedeliveryFilter"/>, see Jobs/README.md for why not MassTransit's own) and immediate retries of
/// transient failures. A failure left after both goes to <c>mosmos-segment-series_error</c>.
/// </summary>
internal sealed class SegmentSeriesConsumerDefinition : ConsumerDefinition<SegmentSeriesConsumer>
{
    public const string EndpointNameValue = "mosmos-segment-series";

    private readonly JobsOptions _options;

    public SegmentSeriesConsumerDefinition(IOptions<JobsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = EndpointNameValue;
        ConcurrentMessageLimit = _options.ModelSlots;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SegmentSeriesConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        ArgumentNullException.ThrowIfNull(context);
        endpointConfigurator.PrefetchCount = _options.ModelSlots;
        var redelivery = context.GetRequiredService<IJobRedelivery>();
        endpointConfigurator.UseFilter(new JobRedeliveryFilter(redelivery, _options.Delays, context.GetRequiredService<Microsoft.Extensions.Logging.ILogger<JobRedeliveryFilter>>()));
        // Only transient failures leave the consumer (it consumes permanent ones after publishing SegmentationFailed).
        // On the consumer's own pipe, so the retries run inside the endpoint-level redelivery filter (an endpoint-level
        // UseMessageRetry was seen to run outside it: redelivery came before the retries). None at all for 0 retries.
        if (_options.ImmediateRetries > 0)
            consumerConfigurator.UseMessageRetry(r => r.Immediate(_options.ImmediateRetries));
    }
}
