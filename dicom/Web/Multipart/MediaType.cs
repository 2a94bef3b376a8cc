using System.Text;

namespace Mosmos.Dicom.Web;

/// <summary>
/// A parsed media type (PS3.18 §8.7, RFC 7231 §3.1.1.1): <c>type/subtype</c> and its parameters, names
/// case-insensitive, quoted values unescaped. Used for response and part Content-Type headers alike.
/// </summary>
public sealed class MediaType
{
    private readonly Dictionary<string, string> _parameters;

    private MediaType(string type, Dictionary<string, string> parameters)
    {
        Type = type;
        _parameters = parameters;
    }

    /// <summary>Lower-case <c>type/subtype</c>.</summary>
    public string Type { get; }

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    public string? this[string name] => _parameters.GetValueOrDefault(name);

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The transfer syntax the representation is in: its own <c>transfer-syntax</c> parameter, else the one inside
    /// a quoted <c>type</c> parameter (Orthanc writes <c>type="application/octet-stream; transfer-syntax=…"</c>).
    /// </summary>
    public string? TransferSyntax =>
        this["transfer-syntax"] ?? (this["type"] is { } inner ? TryParse(inner)?["transfer-syntax"] : null);

    /// <summary>Parses leniently; null when there is no <c>type/subtype</c>.</summary>
    public static MediaType? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        int i = 0;
        string type = Token(value, ref i).ToLowerInvariant();
        if (type.Length == 0 || !type.Contains('/', StringComparison.Ordinal)) return null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSpaces(value, ref i);
            if (i >= value.Length || value[i] != ';') break;
            i++;
            SkipSpaces(value, ref i);
            string name = Token(value, ref i);
            SkipSpaces(value, ref i);
            if (i >= value.Length || value[i] != '=')
            {
                // A parameter without a value: skip to the next separator.
                while (i < value.Length && value[i] != ';') i++;
                continue;
            }
            i++;
            SkipSpaces(value, ref i);
            string parameterValue = i < value.Length && value[i] == '"' ? Quoted(value, ref i) : Token(value, ref i);
            if (name.Length > 0) parameters.TryAdd(name, parameterValue);
        }
        return new MediaType(type, parameters);
    }

    public override string ToString() =>
        Type + string.Concat(_parameters.Select(p => $"; {p.Key}=\"{p.Value}\""));

    private static string Token(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && s[i] != ';' && s[i] != '=' && s[i] != ' ' && s[i] != '\t') i++;
        return s[start..i];
    }

    /// <summary>RFC 7230 §3.2.6 quoted-string with backslash quoted-pairs; an unterminated one ends the value.</summary>
    private static string Quoted(string s, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i++]);
        }
        if (i < s.Length) i++;
        return sb.ToString();
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
    }
}
