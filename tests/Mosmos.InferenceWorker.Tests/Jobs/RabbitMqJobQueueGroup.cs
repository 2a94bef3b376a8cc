namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// Test classes whose workers consume the one RabbitMQ job queue (<c>mosmos-segment-series</c>) of the test broker:
/// run one after the other, or one class's worker would take the other's jobs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqJobQueueGroup
{
    public const string Name = "rabbitmq job queue";
}
