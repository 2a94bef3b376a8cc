using System.Diagnostics;
using System.Globalization;
using System.Net;
using Mosmos.Benchmarks.Adapter;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.Benchmarks.Reliability;

/// <summary>
/// The production shape on one machine: the adapter and two inference workers, each its own process (the Release
/// builds, configured only through <c>MOSMOS__*</c> variables), on the benchmark's own Orthanc and RabbitMQ. Owns the
/// Orthanc restart (through <c>./mosmos services</c>, which started it) and the process logs under the work folder.
/// </summary>
internal sealed class ReliabilityStack : IAsyncDisposable
{
    /// <summary>Redelivery back-off of the workers: short enough for the run to end, long enough to outlast an Orthanc restart.</summary>
    public static readonly TimeSpan[] RedeliveryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    /// <summary>The worker's default immediate retries per delivery (<c>Jobs:ImmediateRetries</c>), left as configured.</summary>
    public const int ImmediateRetries = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _work;

    private ReliabilityStack(string work, OrthancConnection orthanc, AdapterProcess adapter, string apiKey, IReadOnlyList<WorkerProcess> workers)
    {
        _work = work;
        Orthanc = orthanc;
        Adapter = adapter;
        ApiKey = apiKey;
        Workers = workers;
    }

    public OrthancConnection Orthanc { get; }
    public AdapterProcess Adapter { get; }
    public string ApiKey { get; }
    public IReadOnlyList<WorkerProcess> Workers { get; }

    public static async Task<ReliabilityStack> StartAsync(ReliabilityOptions options)
    {
        var orthanc = await TestServices.GetOrthancAsync();
        var rabbit = await TestServices.GetRabbitMqAsync();
        var bus = rabbit.BusSettings();
        string apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var adapter = AdapterProcess.Start(options.AdapterDll, new Dictionary<string, string>(bus)
        {
            ["Orthanc:Url"] = orthanc.Url.ToString(),
            ["Orthanc:User"] = orthanc.User,
            ["Orthanc:Password"] = orthanc.Password,
            ["Orthanc:PollInterval"] = "00:00:01",
            ["JobStore:ConnectionString"] = $"Data Source={Path.Combine(options.Work, "jobs.db")}",
            ["Api:Keys:0"] = apiKey,
        }, Path.Combine(options.Work, "adapter.log"), new Uri($"http://127.0.0.1:{options.AdapterPort}/"));

        var workers = new List<WorkerProcess>();
        foreach (var port in options.WorkerPorts)
        {
            var settings = new Dictionary<string, string>(bus)
            {
                ["Jobs:Sources:orthanc:BaseUrl"] = orthanc.DicomWebUrl.ToString(),
                ["Jobs:Sources:orthanc:Username"] = orthanc.User,
                ["Jobs:Sources:orthanc:Password"] = orthanc.Password,
                ["ModelServer:RegistryPath"] = options.Model,
                ["ModelServer:WatchRegistry"] = "false",
                // Two workers on a small machine: one inference thread each.
                ["ModelServer:IntraOpThreads"] = "1",
                ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{port}",
                ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{port + 1}",
            };
            for (int i = 0; i < RedeliveryDelays.Length; i++)
                settings[$"Jobs:RedeliveryDelays:{i}"] = RedeliveryDelays[i].ToString("c", CultureInfo.InvariantCulture);
            workers.Add(WorkerProcess.Start(options.WorkerDll, settings));
        }
        var stack = new ReliabilityStack(options.Work, orthanc, adapter, apiKey, workers);
        try
        {
            await adapter.WaitReadyAsync(StartTimeout);
            for (int i = 0; i < workers.Count; i++)
                await WaitReadyAsync(workers[i], new Uri($"http://127.0.0.1:{options.WorkerPorts[i]}/readyz"));
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        return stack;
    }

    /// <summary>Both workers still running (a crash would show as a lost consumer, not as a failed job).</summary>
    public bool WorkersAlive => Workers.All(w => !w.HasExited);

    /// <summary>
    /// Stops Orthanc (<c>./mosmos services down --only orthanc</c>: SIGTERM, then waits for the process to end), keeps it
    /// down for <paramref name="outage"/>, starts it again on the same storage and ports. Returns how long the archive
    /// did not answer, stop to ready.
    /// </summary>
    public async Task<TimeSpan> RestartOrthancAsync(TimeSpan outage)
    {
        var services = RepoPaths.Combine("scripts", "services.sh");
        var clock = Stopwatch.StartNew();
        var down = (await ExternalTool.RunAsync("bash", [services, "down", "--only", "orthanc"], new ExternalToolOptions { Timeout = StartTimeout })).EnsureSuccess();
        await Task.Delay(outage);
        var up = (await ExternalTool.RunAsync("bash", [services, "up", "--only", "orthanc"], new ExternalToolOptions { Timeout = StartTimeout })).EnsureSuccess();
        var elapsed = clock.Elapsed;
        await File.WriteAllTextAsync(Path.Combine(_work, "orthanc-restart.log"), down.StandardOutput + down.StandardError + up.StandardOutput + up.StandardError);
        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < Workers.Count; i++)
        {
            await Workers[i].DisposeAsync();
            await File.WriteAllLinesAsync(Path.Combine(_work, $"worker-{i + 1}.log"), Workers[i].Lines);
        }
        await Adapter.DisposeAsync();
    }

    private static async Task WaitReadyAsync(WorkerProcess worker, Uri readyz)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (worker.HasExited)
                throw new InvalidOperationException($"a worker exited with {worker.ExitCode} while starting:\n{worker.Tail()}");
            try
            {
                using var response = await http.GetAsync(readyz);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the worker at {readyz} was not ready after {StartTimeout.TotalSeconds} s:\n{worker.Tail()}");
    }
}
