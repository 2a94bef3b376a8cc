using System.Globalization;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Demo;

/// <summary>What one demo run does (the arguments of <c>Mosmos.Demo</c>; <c>./mosmos demo</c> passes them on).</summary>
internal sealed record DemoOptions
{
    public const string Usage =
        "Mosmos.Demo --out DIR [--count N] [--seed S] [--size MATRIXxSLICES] [--timeout SECONDS] [--viewer-url URL] [--keep] [host settings...]";

    /// <summary>Where the phantom studies are written (CT, report SR, ground truth, study.json).</summary>
    public required string Output { get; init; }

    public int Count { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    /// <summary>160×160×128: the grid the default model is trained on.</summary>
    public PhantomSize Size { get; init; } = new(160, 128);

    /// <summary>Longest wait for one study's SEG + SR after its upload.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>An OHIF viewer in front of the demo's Orthanc, to print one link per study.</summary>
    public Uri? ViewerUrl { get; init; }

    /// <summary>Keep adapter and worker running after the report, until Ctrl-C.</summary>
    public bool Keep { get; init; }

    /// <summary><see cref="Parse"/>, or false after writing the problem and the usage to <paramref name="error"/>.</summary>
    public static bool TryParse(string[] args, TextWriter error, out DemoOptions options, out string[] hostArgs)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            (options, hostArgs) = Parse(args);
            return true;
        }
        catch (FormatException e)
        {
            error.WriteLine($"{e.Message}\nusage: {Usage}");
            (options, hostArgs) = (new DemoOptions { Output = "" }, []);
            return false;
        }
    }

    /// <summary>Splits the demo's own arguments from the host's (configuration keys, <c>--config FILE</c>).</summary>
    /// <exception cref="FormatException">An argument is missing its value or out of range.</exception>
    public static (DemoOptions Options, string[] HostArgs) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new List<string>();
        string? output = null;
        var options = new DemoOptions { Output = "" };
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": output = Next(); break;
                case "--count": options = options with { Count = Int(Next(), "--count", 1, 100) }; break;
                case "--seed": options = options with { Seed = ulong.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--size": options = options with { Size = PhantomSize.Parse(Next()) }; break;
                case "--timeout": options = options with { Timeout = TimeSpan.FromSeconds(Int(Next(), "--timeout", 1, 86_400)) }; break;
                case "--viewer-url": options = options with { ViewerUrl = new Uri(Next(), UriKind.Absolute) }; break;
                case "--keep": options = options with { Keep = true }; break;
                default: host.Add(args[i]); break;
            }
        }
        if (string.IsNullOrEmpty(output)) throw new FormatException("--out DIR is missing");
        return (options with { Output = Path.GetFullPath(output) }, host.ToArray());
    }

    private static int Int(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new FormatException($"{name} must be a whole number from {min} to {max} (got '{text}')");
}
