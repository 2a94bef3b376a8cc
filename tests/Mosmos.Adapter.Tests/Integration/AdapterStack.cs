using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Qido;
using Mosmos.Adapter.Selection;
using Mosmos.Contracts;
using Mosmos.Dicom.Web;
using Mosmos.Testing;

namespace Mosmos.Adapter.Tests.Integration;

/// <summary>
/// The adapter's real parts wired by hand against the test Orthanc and RabbitMQ: job table in a temp SQLite file,
/// change feed, QIDO-RS window poller, DICOMweb examiner, rules, dispatcher publishing on a real bus (its own durable
/// queue catches every SegmentSeries). <see cref="Restart"/> builds fresh pollers and store over the same database,
/// as a restarted service would.
/// </summary>
internal sealed class AdapterStack : IAsyncDisposable
{
    private readonly OrthancConnection _orthanc;
    private readonly string _database;
    private readonly HttpClient _http;
    private readonly DicomWebClient _dicomWeb;

    private AdapterStack(OrthancConnection orthanc, IBusControl bus, string database)
    {
        _orthanc = orthanc;
        Bus = bus;
        _database = database;
        _http = new HttpClient();
        OrthancClient.Configure(_http, orthanc.Url, orthanc.User, orthanc.Password);
        _dicomWeb = new DicomWebClient(new DicomWebClientOptions { BaseUrl = orthanc.DicomWebUrl, Username = orthanc.User, Password = orthanc.Password });
        Restart();
    }

    public IBusControl Bus { get; }

    public IDicomWebClient DicomWeb => _dicomWeb;

    public OrthancSourceOptions Source { get; } = new() { Name = "orthanc", StartFrom = CursorStart.Now, DispatchTimeout = TimeSpan.FromSeconds(5),
        PollInterval = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2) };

    /// <summary>The same archive followed through QIDO-RS alone, under its own cursor (quiet period 2 s).</summary>
    public OrthancSourceOptions Archive { get; } = new() { Name = "archive", Source = SourceKind.DicomWeb, StartFrom = CursorStart.Now,
        QuietPeriod = TimeSpan.FromSeconds(2), WindowOverlapDays = 1, DispatchTimeout = TimeSpan.FromSeconds(5) };

    public OrthancConnection Orthanc => _orthanc;

    public SqliteJobStore Store { get; private set; } = null!;

    public ChangeFeedPoller Poller { get; private set; } = null!;

    public StudyWindowPoller WindowPoller { get; private set; } = null!;

    public FeedStatus Status { get; private set; } = null!;

    /// <summary>SegmentSeries messages that reached the test queue.</summary>
    public ConcurrentQueue<SegmentSeries> Published { get; } = new();

    /// <summary>A stack on the shared test Orthanc and RabbitMQ, or on the given ones (a test's private services).</summary>
    public static async Task<AdapterStack> StartAsync(OrthancConnection? privateOrthanc = null, RabbitMqConnection? privateRabbit = null)
    {
        var orthanc = privateOrthanc ?? await TestServices.GetOrthancAsync();
        var rabbit = privateRabbit ?? await RabbitVirtualHost.EnsureAsync("mosmos-adapter-tests");
        var database = Path.Combine(Path.GetTempPath(), $"mosmos-adapter-it-{Guid.NewGuid():N}.db");
        ConcurrentQueue<SegmentSeries>? sink = null;
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h => { h.Username(rabbit.User); h.Password(rabbit.Password); });
            // Durable and kept while the broker restarts: a job published after a restart still finds its queue.
            cfg.ReceiveEndpoint($"adapter-tests-jobs-{Environment.ProcessId}-{Guid.NewGuid():N}", e =>
            {
                e.Handler<SegmentSeries>(context => { sink!.Enqueue(context.Message); return Task.CompletedTask; });
            });
        });
        var stack = new AdapterStack(orthanc, bus, database);
        sink = stack.Published;
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        await stack.Store.InitializeAsync(default);
        return stack;
    }

    public void Restart()
    {
        Store = new SqliteJobStore($"Data Source={_database};Pooling=False", TimeProvider.System);
        var rule = new SelectionRule { Name = "ct-abdomen", Model = "mosmos-abdomen@test", MinSlices = 10, MaxSliceThicknessMm = 5 };
        rule.Modalities.Add("CT");
        var selection = new SelectionOptions();
        selection.Rules.Add(rule);
        var dispatcher = new StudyDispatcher(new DicomWebStudyExaminer(_dicomWeb), new SeriesSelector(selection), Store, Bus,
            Options.Create(Source), NullLogger<StudyDispatcher>.Instance);
        Status = new FeedStatus();
        Poller = new ChangeFeedPoller(new OrthancClient(_http), dispatcher, Store, Status, Options.Create(Source),
            NullLogger<ChangeFeedPoller>.Instance);
        var windowDispatcher = new StudyDispatcher(new DicomWebStudyExaminer(_dicomWeb), new SeriesSelector(selection), Store, Bus,
            Options.Create(Archive), NullLogger<StudyDispatcher>.Instance);
        WindowStatus = new FeedStatus();
        WindowPoller = new StudyWindowPoller(_dicomWeb, windowDispatcher, Store, WindowStatus, TimeProvider.System, Options.Create(Archive),
            NullLogger<StudyWindowPoller>.Instance);
    }

    public FeedStatus WindowStatus { get; private set; } = null!;

    /// <summary>Polls the StudyDate window until <paramref name="condition"/> holds or the timeout passes.</summary>
    public async Task<bool> PollWindowUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await WindowPoller.PollOnceAsync(Archive, default);
            if (condition()) return true;
            await Task.Delay(300);
        }
        return condition();
    }

    /// <summary>Polls the feed until <paramref name="condition"/> holds or the timeout passes.</summary>
    public async Task<bool> PollUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            bool done = await Poller.PollOnceAsync(Source, default);
            if (condition()) return true;
            if (done) await Task.Delay(300);
        }
        return condition();
    }

    public IReadOnlyList<SegmentSeries> For(string studyUid) => [.. Published.Where(m => m.StudyInstanceUid == studyUid)];

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync();
        _dicomWeb.Dispose();
        _http.Dispose();
        foreach (var f in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(f);
    }
}
