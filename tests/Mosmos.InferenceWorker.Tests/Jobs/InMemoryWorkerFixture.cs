using Mosmos.Dicom.Web;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// One worker on the in-memory bus for the job tests: two immediate retries, one delayed redelivery after 1 s;
/// source <c>flaky2</c> fails its first 2 requests with 503, <c>flaky3</c> its first 3; source <c>small-responses</c> is
/// the test Orthanc with a 16 KiB response limit.
/// </summary>
public sealed class InMemoryWorkerFixture : IAsyncLifetime
{
    internal WorkerHost Worker { get; private set; } = null!;

    public const int SmallResponseLimit = 16 << 10;

    public async Task InitializeAsync()
    {
        var small = WorkerHost.SourceOptions(await TestServices.GetOrthancAsync());
        small.MaxResponseBytes = SmallResponseLimit;
        Worker = await WorkerHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "InMemory",
                ["Jobs:ModelSlots"] = "2",
                ["Jobs:ImmediateRetries"] = "2",
                ["Jobs:RedeliveryDelays:0"] = "00:00:01",
            },
            new Dictionary<string, int> { ["flaky2"] = 2, ["flaky3"] = 3 },
            new Dictionary<string, DicomWebClientOptions> { ["small-responses"] = small });
    }

    public async Task DisposeAsync() => await Worker.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class InMemoryWorkerGroup : ICollectionFixture<InMemoryWorkerFixture>
{
    public const string Name = "in-memory worker";
}
