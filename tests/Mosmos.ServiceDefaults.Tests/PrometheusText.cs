using System.Globalization;
using System.Text;

namespace Mosmos.ServiceDefaults.Tests;

/// <summary>One sample of a scrape: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4 (what a Prometheus server scrapes): <c># HELP</c>
/// and <c># TYPE</c> lines, samples <c>name{label="value",…} value [timestamp]</c> with escaped label values. Anything
/// else is a <see cref="FormatException"/> naming the line, so a test that parses a scrape also checks its format.
/// Shared by the tests and the adapter benchmark (linked).
/// </summary>
public static class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    if (!Types.Contains(parts[3]) || !IsName(parts[2])) throw Bad(number, line, "bad TYPE line");
                    if (!types.TryAdd(parts[2], parts[3])) throw Bad(number, line, "second TYPE line for one family");
                }
                else if (parts.Length >= 3 && parts[1] == "HELP" && !IsName(parts[2]))
                {
                    throw Bad(number, line, "bad HELP line");
                }
                continue;
            }
            samples.Add(ParseSample(line, number));
        }
        foreach (var sample in samples)
        {
            if (!types.ContainsKey(sample.Name) && !types.ContainsKey(Family(sample.Name)))
                throw new FormatException($"sample {sample.Name} has no # TYPE line");
        }
        return samples;
    }

    private static string Family(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count", "_total" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        int i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        if (!IsName(name)) throw Bad(number, line, "bad metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                int eq = line.IndexOf('=', i);
                if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"') throw Bad(number, line, "bad label");
                var label = line[i..eq];
                if (!IsName(label)) throw Bad(number, line, "bad label name");
                var value = new StringBuilder();
                int j = eq + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] != '\\') { value.Append(line[j]); continue; }
                    if (++j >= line.Length) throw Bad(number, line, "unfinished escape");
                    value.Append(line[j] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw Bad(number, line, "bad escape") });
                }
                if (j >= line.Length) throw Bad(number, line, "unterminated label value");
                if (!labels.TryAdd(label, value.ToString())) throw Bad(number, line, "repeated label");
                i = j + 1;
                if (i < line.Length && line[i] == ',') i++;
                if (i >= line.Length) throw Bad(number, line, "unterminated label set");
            }
            i++;
        }
        var rest = line[i..].Trim().Split(' ');
        if (rest.Length is < 1 or > 2 || !TryValue(rest[0], out double sampleValue)) throw Bad(number, line, "bad value");
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw Bad(number, line, "bad timestamp");
        return new PrometheusSample(name, labels, sampleValue);
    }

    private static bool TryValue(string text, out double value)
    {
        value = text switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NaN" => double.NaN, _ => 0 };
        return text is "+Inf" or "-Inf" or "NaN" || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static FormatException Bad(int number, string line, string why) => new($"line {number}: {why}: {line}");
}
