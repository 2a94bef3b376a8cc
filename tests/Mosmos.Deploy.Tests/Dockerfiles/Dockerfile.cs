using System.Text.RegularExpressions;

namespace Mosmos.Deploy.Tests.Dockerfiles;

/// <summary>
/// A Dockerfile as instructions (Dockerfile reference: line continuations with <c>\</c>, <c>#</c> comments,
/// the parser directive on the first line), its global <c>ARG</c> defaults applied to <c>FROM</c>, and its stages.
/// </summary>
internal sealed partial record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages, IReadOnlyDictionary<string, string> GlobalArgs)
{
    public sealed record Instruction(string Keyword, string Arguments, int Line);

    /// <summary>One build stage: its base image (ARGs resolved), its name and its instructions.</summary>
    public sealed record Stage(string BaseImage, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
    }

    public static Dockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        string? baseImage = null, name = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                if (current is not null)
                    stages.Add(new Stage(baseImage!, name, current));
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                baseImage = Substitute(words[0], globalArgs);
                name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
            }
            else if (current is null)
            {
                if (instruction.Keyword == "ARG")
                {
                    var (argName, value) = Split(instruction.Arguments);
                    globalArgs[argName] = value ?? string.Empty;
                }
            }
            else
            {
                current.Add(instruction);
            }
        }
        if (current is not null)
            stages.Add(new Stage(baseImage!, name, current));
        return new Dockerfile(stages, globalArgs);
    }

    /// <summary>Instructions with continuation lines joined; the line is where each starts.</summary>
    private static IEnumerable<Instruction> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int start = i + 1;
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined = joined[..^1].TrimEnd() + " ";
                var next = lines[++i].Trim();
                if (!next.StartsWith('#'))
                    joined += next;
            }
            int space = joined.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0
                ? new Instruction(joined.ToUpperInvariant(), string.Empty, start)
                : new Instruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start);
        }
    }

    private static (string Name, string? Value) Split(string argument)
    {
        int eq = argument.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (argument.Trim(), null) : (argument[..eq].Trim(), argument[(eq + 1)..].Trim().Trim('"'));
    }

    /// <summary><c>${NAME}</c> and <c>$NAME</c> from the given ARG defaults; unknown names stay as they are.</summary>
    public static string Substitute(string value, IReadOnlyDictionary<string, string> args) =>
        Variable().Replace(value, m =>
        {
            var key = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            return args.TryGetValue(key, out var v) ? v : m.Value;
        });

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
