using Mosmos.Trainer.Registry;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>publish model.onnx --registry DIR [--bus [--config FILE]]</c>: versioned copy with its SHA-256; with
/// <c>--bus</c> the <c>ModelPublished</c> record then goes out over the configured broker (<see cref="ModelAnnouncer"/>).
/// </summary>
public static class PublishCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "bus" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Positional.Count != 1) throw new UsageException("publish needs exactly one ONNX file");
        var registry = a.Required("registry");
        var bus = a.Flag("bus");
        var config = a.Optional("config");
        a.ThrowOnUnused();
        if (config is not null && !bus) throw new UsageException("--config only configures --bus");
        // Read the bus settings before touching the registry, so a misconfigured bus publishes nothing.
        var configuration = bus ? ModelAnnouncer.Configuration(config) : null;
        if (configuration is not null) ModelAnnouncer.Check(configuration);
        var published = ModelRegistry.Publish(a.Positional[0], registry, TimeProvider.System);
        AnsiConsole.MarkupLineInterpolated($"Published {published.Name} {published.Version} at {published.Location} (sha256 {published.Sha256})");
        if (configuration is null) return 0;
        ModelAnnouncer.PublishAsync(published, configuration).GetAwaiter().GetResult();
        AnsiConsole.MarkupLineInterpolated($"Sent ModelPublished {published.Name} {published.Version} on the bus");
        return 0;
    }
}
