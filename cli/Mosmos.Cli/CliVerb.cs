namespace Mosmos.Cli;

/// <summary>Exit codes shared by every verb.</summary>
internal static class ExitCode
{
    public const int Ok = 0;

    /// <summary>The input was unreadable or malformed (a message went to stderr).</summary>
    public const int BadInput = 1;

    /// <summary>The command line was wrong (usage went to stderr).</summary>
    public const int Usage = 2;
}

/// <summary>Standard streams, replaceable in tests.</summary>
internal sealed record CliConsole(Func<Stream> OpenOutput, TextWriter Error)
{
    public static readonly CliConsole Standard = new(Console.OpenStandardOutput, Console.Error);
}

/// <summary>
/// One verb: the words that select it ("dicom json"), a usage line, and what it runs with the remaining arguments.
/// </summary>
internal sealed record CliVerb(string[] Words, string Usage, Func<string[], CliConsole, int> Run)
{
    public static int Dispatch(IReadOnlyList<CliVerb> verbs, string[] args, CliConsole console)
    {
        foreach (var verb in verbs)
        {
            if (args.Length >= verb.Words.Length && verb.Words.SequenceEqual(args.Take(verb.Words.Length), StringComparer.Ordinal))
                return verb.Run(args[verb.Words.Length..], console);
        }
        bool help = args is ["help" or "--help" or "-h", ..];
        var usage = "usage:\n" + string.Concat(verbs.Select(v => $"  mosmos {v.Usage}\n"));
        if (!help) console.Error.Write(args.Length == 0 ? "no verb given\n" : $"unknown verb: {string.Join(' ', args)}\n");
        console.Error.Write(usage);
        return help ? ExitCode.Ok : ExitCode.Usage;
    }

    /// <summary>Writes a usage error for this verb and returns <see cref="ExitCode.Usage"/>.</summary>
    public int UsageError(CliConsole console, string message)
    {
        console.Error.WriteLine($"{string.Join(' ', Words)}: {message}");
        console.Error.WriteLine($"usage: mosmos {Usage}");
        return ExitCode.Usage;
    }
}
