using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;
using Mosmos.ServiceDefaults.Tests;

namespace Mosmos.Benchmarks.Adapter;

/// <summary>
/// <c>./mosmos bench adapter</c>: the real adapter process following a real Orthanc (change feed) and publishing on a real
/// RabbitMQ with publisher confirms. A burst of small studies stored as fast as STOW-RS takes them; then a steady
/// arrival at a fixed rate while <c>/metrics</c> is scraped for the cursor lag. Jobs are counted where a worker would
/// receive them and in the adapter's job table: both must equal the studies stored.
/// </summary>
internal static class AdapterBenchmark
{
    public static async Task<int> RunAsync(AdapterBenchOptions options)
    {
        string machine = Machine.Describe();
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        string Need(string key) => env.TryGetValue(key, out var v) && v.Length > 0 ? v
            : throw new InvalidOperationException($"{key} is not set: run this through ./mosmos bench adapter");
        string work = Path.Combine(options.Root, ".cache", "bench", "adapter");
        Directory.CreateDirectory(work);
        string database = Path.Combine(work, "jobs.db");
        foreach (var f in new[] { database, database + "-wal", database + "-shm" }) File.Delete(f);
        string apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        await using var jobs = await DispatchedJobs.StartAsync(Need("MOSMOS_RABBITMQ_HOST"), int.Parse(Need("MOSMOS_RABBITMQ_PORT"), CultureInfo.InvariantCulture),
            Need("MOSMOS_RABBITMQ_VHOST"), Need("MOSMOS_RABBITMQ_USER"), Need("MOSMOS_RABBITMQ_PASSWORD"));
        await using var adapter = AdapterProcess.Start(options.AdapterDll, new Dictionary<string, string>
        {
            ["Orthanc:Url"] = Need("MOSMOS_ORTHANC_URL"),
            ["Orthanc:User"] = Need("MOSMOS_ORTHANC_USER"),
            ["Orthanc:Password"] = Need("MOSMOS_ORTHANC_PASSWORD"),
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Host"] = Need("MOSMOS_RABBITMQ_HOST"),
            ["Bus:Port"] = Need("MOSMOS_RABBITMQ_PORT"),
            ["Bus:VirtualHost"] = Need("MOSMOS_RABBITMQ_VHOST"),
            ["Bus:User"] = Need("MOSMOS_RABBITMQ_USER"),
            ["Bus:Password"] = Need("MOSMOS_RABBITMQ_PASSWORD"),
            ["JobStore:ConnectionString"] = $"Data Source={database}",
            ["Api:Keys:0"] = apiKey,
            ["Selection:Rules:0:MinSlices"] = BenchStudies.SlicesPerStudy.ToString(CultureInfo.InvariantCulture),
        }, Path.Combine(work, "adapter.log"));
        await adapter.WaitReadyAsync(TimeSpan.FromMinutes(3));
        using var dicomWeb = new DicomWebClient(new DicomWebClientOptions
        {
            BaseUrl = new Uri(Need("MOSMOS_ORTHANC_DICOMWEB_URL").TrimEnd('/') + "/"), Username = Need("MOSMOS_ORTHANC_USER"),
            Password = Need("MOSMOS_ORTHANC_PASSWORD"), Timeout = TimeSpan.FromMinutes(5),
        });
        using var api = new HttpClient { BaseAddress = adapter.Url, DefaultRequestHeaders = { { "X-Api-Key", apiKey } } };

        // ---- burst -------------------------------------------------------------------------------------------
        var burst = Enumerable.Range(0, options.Studies).Select(_ => DicomUid.Generate()).ToArray();
        double cpu0 = adapter.CpuSeconds();
        var peakWatch = StartPeakSampler(adapter, out var peakTask);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(burst.Chunk(10).Select((chunk, i) => (chunk, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (batch, ct) => (await dicomWeb.StoreAsync(batch.chunk.SelectMany((uid, j) => BenchStudies.Study(uid, batch.i * 10 + j)), null, ct)).EnsureSuccess());
        double stored = clock.Elapsed.TotalSeconds;
        bool complete = await WaitAsync(() => jobs.CountOf(burst) == burst.Length, options.Timeout);
        double dispatched = clock.Elapsed.TotalSeconds;
        double burstCpu = adapter.CpuSeconds() - cpu0;
        peakWatch.Cancel();
        double burstPeakRss = await peakTask;
        int burstJobs = jobs.CountOf(burst);

        // ---- steady arrival -------------------------------------------------------------------------------------
        var steady = new List<(string Uid, long StoredAt)>();
        var lag = new List<double>();
        double cpu1 = adapter.CpuSeconds();
        using var scrapeStop = new CancellationTokenSource();
        var scraper = Task.Run(async () =>
        {
            while (!scrapeStop.IsCancellationRequested)
            {
                if (await ScrapeLagAsync(api) is { } value) lock (lag) lag.Add(value);
                try { await Task.Delay(1000, scrapeStop.Token); } catch (OperationCanceledException) { }
            }
        });
        var steadyClock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        for (int i = 0; steadyClock.Elapsed.TotalSeconds < options.Seconds; i++)
        {
            var due = interval * i;
            if (due > steadyClock.Elapsed) await Task.Delay(due - steadyClock.Elapsed);
            string uid = DicomUid.Generate();
            (await dicomWeb.StoreAsync(BenchStudies.Study(uid, 100_000 + i))).EnsureSuccess();
            steady.Add((uid, Stopwatch.GetTimestamp()));
        }
        bool steadyComplete = await WaitAsync(() => jobs.CountOf(steady.Select(s => s.Uid)) == steady.Count, options.Timeout);
        await scrapeStop.CancelAsync();
        await scraper;
        double steadyCpu = adapter.CpuSeconds() - cpu1;
        var latencies = steady.Select(s => jobs.ArrivalOf(s.Uid) is { } at ? Stopwatch.GetElapsedTime(s.StoredAt, at).TotalSeconds : double.NaN)
            .Where(double.IsFinite).Order().ToList();

        // ---- the job table must hold exactly one queued job per study ---------------------------------------------
        var counts = await api.GetFromJsonAsync<Dictionary<string, int>>(new Uri("api/jobs/counts", UriKind.Relative));
        int tableJobs = counts!.Values.Sum();
        var (_, peakRss) = adapter.ResidentMiB();
        int expected = burst.Length + steady.Count;

        var body = Report(options, machine, burst.Length, stored, dispatched, complete, burstJobs, burstCpu, burstPeakRss,
            steady.Count, steadyComplete, steadyCpu, latencies, lag, jobs.Messages, tableJobs, expected, peakRss);
        Console.WriteLine(body);
        if (options.WriteDocs)
            BenchmarksDocument.ReplaceSection(Path.Combine(options.Root, "docs", "benchmarks.md"), "Adapter dispatch", body);
        return complete && steadyComplete && tableJobs == expected && jobs.Messages == expected ? 0 : 1;
    }

    private static string Report(AdapterBenchOptions o, string machine, int studies, double stored, double dispatched, bool complete, int burstJobs,
        double burstCpu, double burstPeakRss, int steadyStudies, bool steadyComplete, double steadyCpu, List<double> latencies, List<double> lag,
        long messages, int tableJobs, int expected, double peakRss)
    {
        var lagSorted = lag.Order().ToList();
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Command: `./mosmos bench adapter --studies {o.Studies} --rate {o.Rate} --seconds {o.Seconds}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)."));
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Machine: {machine}; after: {Machine.LoadAverage()} (a shared machine: other builds and a training run were using it)."));
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"""
            The adapter runs as its own process (Release build, default appsettings: Orthanc change feed polled every 2 s,
            SQLite job table, RabbitMQ with publisher confirms, Information logs to a file) against an Orthanc and a RabbitMQ
            started by the benchmark on loopback (Orthanc StableAge 2 s). Studies are small — one axial CT series of
            {BenchStudies.SlicesPerStudy} slices of 16 × 16 — because the adapter's work is per study and series (change, QIDO-RS series
            and instances, WADO-RS metadata of one instance, job row, publish), not per pixel. A durable queue bound to
            SegmentSeries counts what a worker would receive. CPU and peak resident memory are the adapter process's own
            (/proc/PID).
            """));
        sb.AppendLine();
        sb.AppendLine("| phase | studies | stored in s | all dispatched after s | jobs received | adapter CPU s | adapter peak RSS MiB |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| burst (STOW-RS, 10 studies a request, 2 at a time) | {studies} | {stored:0.0} | {(complete ? dispatched.ToString("0.0", CultureInfo.InvariantCulture) : "not all")} | {burstJobs} | {burstCpu:0.0} | {burstPeakRss:0} |"));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| steady ({o.Rate:0.#} studies/s for {o.Seconds} s) | {steadyStudies} | — | {(steadyComplete ? "all" : "not all")} | {latencies.Count} | {steadyCpu:0.0} | {peakRss:0} (whole run) |"));
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Burst: {studies / Math.Max(dispatched, 1e-9):0.0} studies/s from the first STOW to the last job received, including Orthanc's ingest and its 2 s stability delay."));
        if (latencies.Count > 0)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Steady: from a study stored to its job received, median {Percentile(latencies, 0.5):0.00} s, 95th percentile {Percentile(latencies, 0.95):0.00} s, max {latencies[^1]:0.00} s (the floor is StableAge 2 s plus up to one 2 s poll)."));
        if (lagSorted.Count > 0)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Cursor lag (`mosmos_adapter_cursor_lag` scraped from /metrics every second, {lagSorted.Count} scrapes): median {Percentile(lagSorted, 0.5):0} changes, max {lagSorted[^1]:0} changes."));
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"No loss: {expected} studies stored, {messages} SegmentSeries messages received, {tableJobs} jobs in the job table — {(messages == expected && tableJobs == expected ? "one each, none lost, none twice" : "MISMATCH")}."));
        return sb.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<double?> ScrapeLagAsync(HttpClient api)
    {
        try
        {
            var samples = PrometheusText.Parse(await api.GetStringAsync(new Uri("metrics", UriKind.Relative)));
            return samples.FirstOrDefault(s => s.Name == "mosmos_adapter_cursor_lag")?.Value;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static CancellationTokenSource StartPeakSampler(AdapterProcess adapter, out Task<double> peak)
    {
        var stop = new CancellationTokenSource();
        peak = Task.Run(async () =>
        {
            double max = 0;
            while (!stop.IsCancellationRequested)
            {
                max = Math.Max(max, adapter.ResidentMiB().Now);
                try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
            }
            return Math.Max(max, adapter.ResidentMiB().Now);
        });
        return stop;
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return condition();
    }
}

/// <summary>Options of <c>./mosmos bench adapter</c>.</summary>
internal sealed record AdapterBenchOptions(string AdapterDll, int Studies, double Rate, int Seconds, TimeSpan Timeout, bool WriteDocs)
{
    public string Root { get; } = Environment.GetEnvironmentVariable("MOSMOS_ROOT") is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();

    public static AdapterBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new AdapterBenchOptions("", 1000, 5, 60, TimeSpan.FromMinutes(20), true);
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--adapter-dll" => o with { AdapterDll = Next() },
                "--studies" => o with { Studies = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => o with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => o with { Seconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-docs" => o with { WriteDocs = false },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        if (!File.Exists(o.AdapterDll)) throw new ArgumentException($"--adapter-dll {o.AdapterDll} does not exist");
        if (o.Studies < 1 || o.Rate <= 0 || o.Seconds < 1) throw new ArgumentException("--studies, --rate and --seconds must be positive");
        return o;
    }
}
