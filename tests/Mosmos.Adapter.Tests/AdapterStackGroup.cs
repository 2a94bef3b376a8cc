namespace Mosmos.Adapter.Tests;

/// <summary>
/// Test classes that run whole adapters run one at a time. Side by side they would hear each other: every adapter
/// follows the same test Orthanc (a QIDO-RS adapter dispatches the change-feed test's study and the other way round),
/// their jobs meet in one RabbitMQ virtual host, and their meters share one name in the process, so one host's
/// <c>/metrics</c> may show another's job table. The start-up validation tests belong here too although they never
/// start: their hosts create the adapter's meter and Kestrel's and dispose them when they fail. OpenTelemetry's
/// listener is process-wide and merges instruments of the same meter and name into one metric stream, so a host
/// disposed beside a running one ended the running one's streams: three CI runs scraped a hosted adapter whose
/// <c>/metrics</c> had no <c>mosmos_adapter_*</c> and no <c>kestrel_*</c> family left, while the meters created
/// after the failed hosts were gone (routing, MassTransit) were there. In production there is one adapter per
/// process and archive.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AdapterStackGroup
{
    public const string Name = "adapter stacks";
}
