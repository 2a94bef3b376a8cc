using System.Globalization;

namespace Mosmos.Trainer.Cli;

/// <summary>The command line was wrong; the message says how. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public UsageException() : this("invalid arguments") { }
    public UsageException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>
/// <c>verb [positional...] [--name value...] [--flag...]</c>. Every option must be consumed by the verb:
/// <see cref="ThrowOnUnused"/> reports misspelt ones instead of ignoring them.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { Positional.Add(args[i]); continue; }
            var name = args[i][2..];
            if (flags.Contains(name)) _options[name] = null;
            else if (i + 1 < args.Count) _options[name] = args[++i];
            else throw new UsageException($"--{name} needs a value");
        }
    }

    public List<string> Positional { get; } = [];

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required");

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public int? Count(string name) => Parse(name, s => int.Parse(s, CultureInfo.InvariantCulture));

    public long? Seed(string name) => Parse(name, s => long.Parse(s, CultureInfo.InvariantCulture));

    public double? Number(string name) => Parse(name, s => double.Parse(s, CultureInfo.InvariantCulture));

    public int[]? Ints(string name)
    {
        var s = Optional(name);
        if (s is null) return null;
        var parts = s.Split(',');
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], CultureInfo.InvariantCulture, out values[i]))
                throw new UsageException($"--{name}: '{s}' is not a comma-separated list of integers");
        }
        return values;
    }

    public void ThrowOnUnused()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(k => "--" + k)));
    }

    private T? Parse<T>(string name, Func<string, T> parse) where T : struct
    {
        var s = Optional(name);
        if (s is null) return null;
        try { return parse(s); }
        catch (FormatException) { throw new UsageException($"--{name}: '{s}' is not a valid value"); }
        catch (OverflowException) { throw new UsageException($"--{name}: '{s}' is out of range"); }
    }
}
