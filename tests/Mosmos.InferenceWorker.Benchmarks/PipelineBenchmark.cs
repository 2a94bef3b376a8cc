using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mosmos.Benchmarks;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Model.Registry;
using Mosmos.InferenceWorker.Tests.Jobs;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>
/// <c>./mosmos bench pipeline</c> (DESIGN §6): a 512×512×200 phantom CT in a real Orthanc, the worker as its own
/// process (<c>dotnet Mosmos.InferenceWorker.dll</c>) taking jobs from a real RabbitMQ, one warm-up job and then
/// timed jobs. Per job: the worker's stage timings (SegmentationCompleted), the model's own time (the worker's
/// <c>mosmos.model.infer.duration</c> histogram on <c>/metrics</c>), the time outside the model, and the worker's
/// peak RSS. Then the gRPC overhead of the same model's patch. Writes the "Inference pipeline" section of
/// docs/benchmarks.md.
/// </summary>
internal static class PipelineBenchmark
{
    public const string Section = "Inference pipeline";
    private const double GoalTotalSeconds = 20, GoalOutsideSeconds = 3;
    private const long GoalPeakRssBytes = 2L << 30;

    public static async Task<int> RunAsync(PipelineOptions options)
    {
        var machine = Machine.Describe();
        var modelBytes = await File.ReadAllBytesAsync(options.Model);
        var card = ModelCardSerializer.Parse(OnnxCardReader.ReadMetadata(modelBytes, ModelCard.MetadataKey));
        var modelId = $"{card.Name}@{card.Version}";
        var study = await PhantomUpload.RunAsync(options.Seed);
        Log($"phantom seed {options.Seed}: {study.Describe()} stored in {study.UploadSeconds:F1} s");

        await using var bus = await RabbitMqTestBus.StartAsync();
        var orthanc = await TestServices.GetOrthancAsync();
        var httpPort = FreePort();
        var settings = RabbitMqTestBus.Settings(bus.Rabbit);
        settings["Jobs:Sources:orthanc:BaseUrl"] = orthanc.DicomWebUrl.ToString();
        settings["Jobs:Sources:orthanc:Username"] = orthanc.User;
        settings["Jobs:Sources:orthanc:Password"] = orthanc.Password;
        settings["ModelServer:RegistryPath"] = options.Model;
        settings["ModelServer:WatchRegistry"] = "false";
        settings["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}";
        settings["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        await using var worker = WorkerProcess.Start(WorkerProcess.BuiltAssembly(), settings);
        await WaitForConsumerAsync(bus, worker);
        using var metrics = new ModelTime(httpPort);

        var runs = new List<JobRun>();
        for (int run = 0; run <= options.Runs; run++)
        {
            var job = new SegmentSeries(Guid.NewGuid(), $"{study.SeriesInstanceUid}|bench-{Guid.NewGuid():N}|{modelId}", study.StudyInstanceUid,
                study.SeriesInstanceUid, "orthanc", modelId);
            var modelBefore = await metrics.SecondsAsync();
            var watch = Stopwatch.StartNew();
            await bus.Bus.Publish(job);
            var completed = await bus.Events.CompletedAsync(job.JobId, TimeSpan.FromMinutes(15));
            var wall = watch.Elapsed.TotalSeconds;
            var model = await metrics.SecondsAsync() - modelBefore;
            runs.Add(new JobRun(completed, wall, model));
            Log($"{(run == 0 ? "warm-up" : $"run {run}")}: total {runs[^1].TotalSeconds:F2} s, model {model:F2} s, " +
                $"{completed.Organs.Count} organs, peak RSS {worker.PeakRssBytes() / 1e9:F2} GB");
        }
        var peakRss = worker.PeakRssBytes();
        await worker.DisposeAsync();

        Log($"gRPC overhead, {options.Rounds} rounds");
        var overhead = await GrpcOverhead.MeasureAsync(modelBytes, card, options.Model, options.Rounds);
        var body = PipelineReport.Write(options, machine, card, modelBytes, study, runs.Skip(1).ToList(), peakRss, overhead,
            new Goals(GoalTotalSeconds, GoalOutsideSeconds, GoalPeakRssBytes));
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), Section, body);
        return 0;
    }

    private static async Task WaitForConsumerAsync(RabbitMqTestBus bus, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await bus.ConsumersAsync(SegmentSeriesConsumerDefinition.EndpointNameValue) < 1)
        {
            if (worker.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the worker did not start consuming jobs:\n{worker.Tail()}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void Log(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench pipeline: {line}"));
}

/// <summary>One job: the worker's stage timings, the wall time publish → completed, the model's own seconds.</summary>
internal sealed record JobRun(SegmentationCompleted Completed, double WallSeconds, double? ModelSeconds)
{
    public double TotalSeconds => Completed.Timings.Sum(t => t.Milliseconds) / 1000;
    public double StageSeconds(string stage) => Completed.Timings.Where(t => t.Stage == stage).Sum(t => t.Milliseconds) / 1000;
    public double OutsideModelSeconds => TotalSeconds - (ModelSeconds ?? StageSeconds("inference"));
}

internal sealed record Goals(double TotalSeconds, double OutsideSeconds, long PeakRssBytes);
