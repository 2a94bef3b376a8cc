using System.Globalization;

namespace Mosmos.Benchmarks;

/// <summary>Command-line settings shared by the benchmarks; the repository root comes from <c>MOSMOS_ROOT</c> (set by <c>./mosmos</c>).</summary>
internal sealed record BenchOptions(int Files, int Runs, bool Peers, bool WriteDocs)
{
    public string Root { get; } = Environment.GetEnvironmentVariable("MOSMOS_ROOT") is { Length: > 0 } root
        ? root
        : Directory.GetCurrentDirectory();

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(Files: 1000, Runs: 5, Peers: true, WriteDocs: true);
        for (int i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--files" when i + 1 < args.Count => options with { Files = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--runs" when i + 1 < args.Count => options with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--no-peers" => options with { Peers = false },
                "--no-docs" => options with { WriteDocs = false },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        if (options.Files < 1 || options.Runs < 1) throw new ArgumentException("--files and --runs must be positive");
        return options;
    }
}
