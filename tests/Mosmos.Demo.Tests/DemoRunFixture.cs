using System.Globalization;
using System.Text.Json;
using Mosmos.Testing;

namespace Mosmos.Demo.Tests;

/// <summary>
/// One real <c>./mosmos demo</c> run (scripts/demo.sh): one 64×64×112 phantom study (slices of 5 mm at most: the selection rules refuse thicker ones) over a real RabbitMQ, with its own
/// Orthanc and RabbitMQ in a state folder of its own, on free ports, with the default model of <c>models/</c>. The
/// script runs this build of Mosmos.Demo (<c>MOSMOS_DEMO_DLL</c>). Afterwards the fixture holds everything the run
/// printed or logged: the script's stdout and stderr, adapter + worker logs, Orthanc's and RabbitMQ's logs, the traces.
/// </summary>
public sealed class DemoRunFixture : IAsyncLifetime
{
    public const ulong Seed = 4711;

    public string State { get; } = Path.Combine(RepoPaths.Cache, "demo-tests", Guid.NewGuid().ToString("N")[..12]);

    public ToolResult Run { get; private set; } = null!;

    public int OrthancHttpPort { get; private set; }

    public int AmqpPort { get; private set; }

    /// <summary>The study's identity as the phantom wrote it into study.json (the values that went into the DICOM files).</summary>
    public JsonElement Identity { get; private set; }

    public async Task InitializeAsync()
    {
        int ports = FreePorts.Block(20);
        (OrthancHttpPort, AmqpPort) = (ports, ports + 5);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["MOSMOS_DEMO_STATE"] = State,
            ["MOSMOS_DEMO_ORTHANC_HTTP_PORT"] = Port(ports),
            ["MOSMOS_DEMO_ORTHANC_DICOM_PORT"] = Port(ports + 1),
            ["MOSMOS_DEMO_HTTP_PORT"] = Port(ports + 2),
            ["MOSMOS_DEMO_RABBITMQ_EPMD_PORT"] = Port(ports + 4),
            ["MOSMOS_DEMO_RABBITMQ_PORT"] = Port(AmqpPort),
            ["MOSMOS_DEMO_DLL"] = DemoDll(),
        };
        Run = await ExternalTool.RunAsync("bash",
            [Path.Combine(RepoPaths.Root, "scripts", "demo.sh"), "--count", "1", "--seed", Seed.ToString(CultureInfo.InvariantCulture),
             "--size", "64x112", "--broker", "rabbitmq", "--timeout", "600"],
            new ExternalToolOptions { Environment = environment, WorkingDirectory = RepoPaths.Root, Timeout = TimeSpan.FromMinutes(20) });
        var studyJson = Directory.GetFiles(Path.Combine(State, "studies"), "study.json", SearchOption.AllDirectories).Single();
        using var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(studyJson));
        Identity = sidecar.RootElement.GetProperty("identity").Clone();
    }

    /// <summary>Every text the run produced: script output, the logs folder, Orthanc's and RabbitMQ's log files.</summary>
    public IEnumerable<(string Name, string Text)> AllOutput()
    {
        yield return ("stdout", Run.StandardOutput);
        yield return ("stderr", Run.StandardError);
        var logs = Directory.GetFiles(Path.Combine(State, "logs"))
            .Concat(Directory.GetFiles(Path.Combine(State, "orthanc"), "orthanc.*").Where(f => !f.EndsWith(".pid", StringComparison.Ordinal)))
            .Concat(Directory.Exists(Path.Combine(State, "rabbitmq", "log")) ? Directory.GetFiles(Path.Combine(State, "rabbitmq", "log"), "*", SearchOption.AllDirectories) : []);
        foreach (var file in logs)
            yield return (Path.GetRelativePath(State, file), File.ReadAllText(file));
    }

    public string Secret(string name) => File.ReadAllText(Path.Combine(State, "secrets", name)).Trim();

    public Task DisposeAsync()
    {
        if (Directory.Exists(State))
            Directory.Delete(State, recursive: true);
        return Task.CompletedTask;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mosmos.Demo as the solution build left it, in the configuration of this test assembly.</summary>
    private static string DemoDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "demo", "Mosmos.Demo", "bin", configuration, "net10.0", "Mosmos.Demo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Mosmos.Demo is not built at {dll}", dll);
    }
}

[CollectionDefinition(Name)]
public sealed class DemoRunGroup : ICollectionFixture<DemoRunFixture>
{
    public const string Name = "one demo run";
}
