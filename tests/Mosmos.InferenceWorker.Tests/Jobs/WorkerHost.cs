using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosmos.Contracts;
using Mosmos.Dicom.Web;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// A worker as Program.cs builds it (AddModelServer + AddSegmentationJobs), with the threshold model in a temporary
/// registry, the real Orthanc as source <c>orthanc</c>, extra sources whose first requests fail with 503, and any
/// other DICOMweb servers a test brings.
/// </summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    public const string ModelId = "threshold@1";

    private readonly WebApplication _app;
    private readonly TempDirectory _registry;

    private WorkerHost(WebApplication app, TempDirectory registry, JobEvents events, CapturingLoggerProvider logs)
    {
        (_app, _registry, Events, Logs) = (app, registry, events, logs);
    }

    public JobEvents Events { get; }
    public CapturingLoggerProvider Logs { get; }
    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    /// <summary>Labels voxels above 0 HU as liver: class logits (−10·x, 10·x) of the normalised value x = HU / 1000.</summary>
    public static ModelCard Card() => new()
    {
        Name = "threshold",
        Version = "1",
        Modality = "CT",
        Labels = new Dictionary<int, string> { [1] = "liver" },
        SpacingMm = [1, 1, 2],
        Intensity = new IntensityNormalization(-1000, 1000, 0, 1000),
        PatchSize = [16, 16, 8],
        Overlap = 0.25,
        MinimumSlices = 8,
        PostProcessing = new PostProcessing { LargestComponent = true, FillHoles = true },
    };

    public static string WriteModel(string directory) =>
        TinyOnnx.Write(directory, "threshold.onnx", TinyOnnx.Build(([-10f, 10f], [0f, 0f]), ModelCardSerializer.Serialize(Card())));

    /// <summary>The threshold model as a MOSMOS model: tag "liver", its attention the liver probability pooled over 2 × 4 × 4 blocks.</summary>
    public static byte[] AttentionModel() => TinyOnnx.Build(([-10f, 10f], [0f, 0f]),
        ModelCardSerializer.Serialize(Card() with { AttentionOutputName = "attention", Tags = ["liver"] }), attentionPool: (2, 4, 4));

    /// <param name="model">The registry's model (card name threshold, version 1); the threshold model when null.</param>
    public static async Task<WorkerHost> StartAsync(IDictionary<string, string?> settings, IReadOnlyDictionary<string, int> flakySources,
        IReadOnlyDictionary<string, DicomWebClientOptions>? otherSources = null, byte[]? model = null)
    {
        var orthanc = await TestServices.GetOrthancAsync();
        var registry = new TempDirectory();
        if (model is null)
            WriteModel(registry.Path);
        else
            TinyOnnx.Write(registry.Path, "threshold.onnx", model);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = registry.Path });
        var configuration = new Dictionary<string, string?>
        {
            ["ModelServer:RegistryPath"] = registry.Path,
            ["ModelServer:IntraOpThreads"] = "1",
            ["ModelServer:WatchRegistry"] = "false",
            ["Jobs:Timeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.AddModelServer(WorkerMode.Worker);
        builder.AddSegmentationJobs(WorkerMode.Worker);
        var clients = new Dictionary<string, IDicomWebClient>(StringComparer.Ordinal) { ["orthanc"] = new DicomWebClient(SourceOptions(orthanc)) };
        foreach (var (name, failures) in flakySources)
            clients[name] = new DicomWebClient(SourceOptions(orthanc), new FlakyHandler(failures));
        foreach (var (name, options) in otherSources ?? new Dictionary<string, DicomWebClientOptions>())
            clients[name] = new DicomWebClient(options);
        builder.Services.AddSingleton(new DicomWebSources(clients));
        var app = builder.Build();
        app.MapModelServer();
        await app.StartAsync();
        var events = await JobEvents.ConnectAsync(app.Services.GetRequiredService<IBus>());
        return new WorkerHost(app, registry, events, logs);
    }

    /// <summary>No client-level retries: every 503 reaches the job, whose retry policy is under test.</summary>
    public static DicomWebClientOptions SourceOptions(OrthancConnection orthanc) => new()
    {
        BaseUrl = orthanc.DicomWebUrl,
        Username = orthanc.User,
        Password = orthanc.Password,
        RetryCount = 0,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static SegmentSeries Job(SyntheticCt series, string source = "orthanc", string? supersedes = null, string? key = null) =>
        new(Guid.NewGuid(), key ?? $"{series.SeriesInstanceUid}|{Guid.NewGuid():N}|{ModelId}", series.StudyInstanceUid, series.SeriesInstanceUid,
            source, ModelId, 0, supersedes);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _registry.Dispose();
    }
}
