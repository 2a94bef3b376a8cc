using System.Text;
using System.Text.RegularExpressions;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>
/// Compose variable interpolation (compose-spec "Interpolation"): <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>,
/// <c>${VAR-default}</c>, <c>${VAR:?error}</c>, <c>${VAR?error}</c>, and <c>$$</c> for a literal dollar.
/// </summary>
internal static partial class Interpolation
{
    /// <summary>One <c>${...}</c> or <c>$VAR</c> reference in a value.</summary>
    public sealed record Reference(string Name, string? Operator, string? Argument, string Text)
    {
        /// <summary><c>:?</c> or <c>?</c>: compose stops when the variable is missing.</summary>
        public bool IsRequired => Operator is ":?" or "?";

        public bool HasDefault => Operator is ":-" or "-";
    }

    public static IReadOnlyList<Reference> References(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var found = new List<Reference>();
        foreach (Match m in Pattern().Matches(value))
        {
            if (m.Value == "$$")
                continue;
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            var op = m.Groups["op"].Success ? m.Groups["op"].Value : null;
            var argument = m.Groups["arg"].Success ? m.Groups["arg"].Value : null;
            found.Add(new Reference(name, op, argument, m.Value));
        }
        return found;
    }

    /// <summary>The value with every reference resolved from <paramref name="variables"/>; <c>$$</c> becomes <c>$</c>.</summary>
    public static string Resolve(string value, IReadOnlyDictionary<string, string> variables, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(errors);
        return Pattern().Replace(value, m =>
        {
            if (m.Value == "$$")
                return "$";
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            var op = m.Groups["op"].Success ? m.Groups["op"].Value : null;
            var argument = m.Groups["arg"].Success ? m.Groups["arg"].Value : string.Empty;
            var isSet = variables.TryGetValue(name, out var actual);
            var usable = op is ":-" or ":?" ? isSet && actual!.Length > 0 : isSet;
            if (usable)
                return actual!;
            switch (op)
            {
                case ":-" or "-":
                    return argument;
                case ":?" or "?":
                    errors.Add($"{name} is required: {argument}");
                    return string.Empty;
                default:
                    return actual ?? string.Empty;
            }
        });
    }

    /// <summary>The text of a value outside its references (what is written literally in the file).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var literal = new StringBuilder();
        int at = 0;
        foreach (Match m in Pattern().Matches(value))
        {
            literal.Append(value, at, m.Index - at);
            if (m.Value == "$$")
                literal.Append('$');
            at = m.Index + m.Length;
        }
        return literal.Append(value, at, value.Length - at).ToString();
    }

    [GeneratedRegex(@"\$\$|\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|-|:\?|\?)(?<arg>[^}]*))?\}|\$(?<plain>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Pattern();
}
