namespace Mosmos.Adapter.Tests;

/// <summary>
/// Test classes that run whole adapters run one at a time. Side by side they would hear each other: every adapter
/// follows the same test Orthanc (a QIDO-RS adapter dispatches the change-feed test's study and the other way round),
/// their jobs meet in one RabbitMQ virtual host, and their meters share one name in the process, so one host's
/// <c>/metrics</c> may show another's job table. In production there is one adapter per process and archive.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AdapterStackGroup
{
    public const string Name = "adapter stacks";
}
