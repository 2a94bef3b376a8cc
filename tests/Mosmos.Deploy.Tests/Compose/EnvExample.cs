namespace Mosmos.Deploy.Tests.Compose;

/// <summary>
/// <c>.env.example</c>: <c>NAME=value</c> lines are set variables (an empty value is one the operator must fill in),
/// <c># NAME=value</c> lines document an optional variable with its default; other <c>#</c> lines are comments.
/// </summary>
internal sealed class EnvExample
{
    private EnvExample(IReadOnlyDictionary<string, string> set, IReadOnlySet<string> documented)
    {
        Set = set;
        Documented = documented;
    }

    /// <summary>Variables with a line of their own, and their example value (empty for credentials).</summary>
    public IReadOnlyDictionary<string, string> Set { get; }

    /// <summary>Every variable the file names, set or commented out.</summary>
    public IReadOnlySet<string> Documented { get; }

    public static EnvExample Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            bool commented = line.StartsWith('#');
            if (commented)
                line = line.TrimStart('#').Trim();
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsName(line[..eq]))
                continue;
            var name = line[..eq];
            documented.Add(name);
            if (!commented)
                set[name] = line[(eq + 1)..].Trim();
        }
        return new EnvExample(set, documented);
    }

    private static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetterUpper(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
}
