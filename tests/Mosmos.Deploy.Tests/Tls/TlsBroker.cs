using System.Diagnostics;
using System.Security.Cryptography;
using Mosmos.Deploy.Tests.Support;

namespace Mosmos.Deploy.Tests.Tls;

/// <summary>
/// A RabbitMQ 3.10 node of its own (Debian's rabbitmq-server, started by scripts/services/start-rabbitmq.sh in a
/// temporary state folder on free loopback ports) with an AMQPS listener whose certificate comes from a
/// <see cref="TestPki"/> made for this run (<c>MOSMOS_RABBITMQ_EXTRA_CONF</c>: <c>listeners.ssl.default</c> and
/// <c>ssl_options.*</c>). Stopped and deleted by stop-rabbitmq.sh --purge.
/// </summary>
public sealed class TlsBroker : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mosmos-amqps-").FullName;

    internal TestPki Pki { get; private set; } = null!;
    internal TestPki Rogue { get; private set; } = null!;
    internal int TlsPort { get; private set; }
    internal const string User = "mosmos";
    internal const string VirtualHost = "mosmos";
    internal string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private string StateDir => Path.Combine(_dir, "rabbitmq");

    public async Task InitializeAsync()
    {
        Pki = new TestPki(_dir, "broker");
        Rogue = new TestPki(_dir, "rogue");
        var (certificate, key) = Pki.IssueServer("rabbitmq");
        TlsPort = WorkerProcess.FreePort();
        var extra = Path.Combine(_dir, "tls.conf");
        await File.WriteAllLinesAsync(extra,
        [
            $"listeners.ssl.default = 127.0.0.1:{TlsPort}",
            $"ssl_options.cacertfile = {Pki.CaFile}",
            $"ssl_options.certfile = {certificate}",
            $"ssl_options.keyfile = {key}",
            // A client certificate is checked when one is sent, not required (our bus sends one only when configured).
            "ssl_options.verify = verify_peer",
            "ssl_options.fail_if_no_peer_cert = false",
            "ssl_options.versions.1 = tlsv1.3",
            "ssl_options.versions.2 = tlsv1.2",
        ]);
        var cli = WorkerProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["MOSMOS_RABBITMQ_PASSWORD"] = Password,
            ["MOSMOS_RABBITMQ_USER"] = User,
            ["MOSMOS_RABBITMQ_VHOST"] = VirtualHost,
            ["MOSMOS_RABBITMQ_PORT"] = WorkerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MOSMOS_RABBITMQ_DIST_PORT"] = WorkerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MOSMOS_RABBITMQ_EPMD_PORT"] = WorkerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MOSMOS_RABBITMQ_CLI_PORTS"] = $"{cli}-{cli}",
            ["MOSMOS_RABBITMQ_NODE"] = $"mosmos_tls_{Environment.ProcessId}@localhost",
            ["MOSMOS_RABBITMQ_EXTRA_CONF"] = extra,
        };
        await Script("start-rabbitmq.sh", environment, "--dir", StateDir, "--fresh", "--timeout", "240");
    }

    public async Task DisposeAsync()
    {
        await Script("stop-rabbitmq.sh", new Dictionary<string, string>(), "--dir", StateDir, "--purge");
        Pki?.Dispose();
        Rogue?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task Script(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "services", name));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{name} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
