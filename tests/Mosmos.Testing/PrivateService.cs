using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Mosmos.Testing;

/// <summary>
/// An Orthanc or a RabbitMQ of one test alone, started by the project's own scripts (scripts/services/start-*.sh) in a
/// folder of its own on free loopback ports, so the test can stop and restart it without disturbing any other suite
/// running against the shared test services. Disposing stops it and deletes its folder.
/// </summary>
public sealed class PrivateService : IAsyncDisposable
{
    private readonly string _kind;
    private readonly string _dir;
    private readonly Dictionary<string, string?> _environment;

    private PrivateService(string kind, string dir, Dictionary<string, string?> environment)
    {
        _kind = kind;
        _dir = dir;
        _environment = environment;
    }

    public string Password => _environment[$"MOSMOS_{_kind.ToUpperInvariant()}_PASSWORD"]!;

    public int Port(string name) => int.Parse(_environment[$"MOSMOS_{_kind.ToUpperInvariant()}_{name}"]!, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<PrivateService> OrthancAsync()
    {
        var service = new PrivateService("orthanc", NewDirectory("orthanc"), new(StringComparer.Ordinal)
        {
            ["MOSMOS_ORTHANC_PASSWORD"] = NewPassword(),
            ["MOSMOS_ORTHANC_HTTP_PORT"] = FreePort(),
            ["MOSMOS_ORTHANC_DICOM_PORT"] = FreePort(),
            ["MOSMOS_ORTHANC_STABLE_AGE"] = "1",
        });
        await service.StartAsync();
        return service;
    }

    public static async Task<PrivateService> RabbitMqAsync()
    {
        string cli = FreePort();
        var service = new PrivateService("rabbitmq", NewDirectory("rabbitmq"), new(StringComparer.Ordinal)
        {
            ["MOSMOS_RABBITMQ_PASSWORD"] = NewPassword(),
            ["MOSMOS_RABBITMQ_PORT"] = FreePort(),
            ["MOSMOS_RABBITMQ_DIST_PORT"] = FreePort(),
            ["MOSMOS_RABBITMQ_EPMD_PORT"] = FreePort(),
            ["MOSMOS_RABBITMQ_CLI_PORTS"] = $"{cli}-{cli}",
            ["MOSMOS_RABBITMQ_NODE"] = $"mosmos_private_{Environment.ProcessId}@localhost",
        });
        await service.StartAsync();
        return service;
    }

    public OrthancConnection Orthanc
    {
        get
        {
            var url = new Uri($"http://127.0.0.1:{Port("HTTP_PORT")}/");
            return new OrthancConnection(url, new Uri(url, "dicom-web/"), "mosmos", Password, Port("DICOM_PORT"), "MOSMOS");
        }
    }

    public RabbitMqConnection RabbitMq => new("127.0.0.1", Port("PORT"), "mosmos", "mosmos", Password, null);

    public async Task StartAsync() =>
        (await ExternalTool.RunAsync("bash", [Script($"start-{_kind}.sh"), "--dir", _dir],
            new ExternalToolOptions { Timeout = TestServices.StartTimeout, Environment = _environment })).EnsureSuccess();

    public async Task StopAsync() =>
        (await ExternalTool.RunAsync("bash", [Script($"stop-{_kind}.sh"), "--dir", _dir],
            new ExternalToolOptions { Timeout = TimeSpan.FromMinutes(1), Environment = _environment })).EnsureSuccess();

    public async ValueTask DisposeAsync() =>
        await ExternalTool.RunAsync("bash", [Script($"stop-{_kind}.sh"), "--dir", _dir, "--purge"],
            new ExternalToolOptions { Timeout = TimeSpan.FromMinutes(1), Environment = _environment });

    private static string Script(string name) => RepoPaths.Combine("scripts", "services", name);

    private static string NewDirectory(string kind) =>
        Path.Combine(TestServices.StateDirectory, "private", $"{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    // A port the kernel just handed out and released; the service binds it a moment later.
    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
