using Mosmos.Trainer.Registry;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary><c>publish model.onnx --registry DIR</c>: versioned copy with its SHA-256 (the bus message comes with issue 8).</summary>
public static class PublishCommand
{
    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Positional.Count != 1) throw new UsageException("publish needs exactly one ONNX file");
        var registry = a.Required("registry");
        a.ThrowOnUnused();
        var published = ModelRegistry.Publish(a.Positional[0], registry, TimeProvider.System);
        AnsiConsole.MarkupLineInterpolated($"Published {published.Name} {published.Version} at {published.Location} (sha256 {published.Sha256})");
        return 0;
    }
}
