using System.Text;
using System.Text.Json;

namespace Mosmos.Trainer.Harvest;

/// <summary>
/// Report texts keyed by accession number, from a file given with <c>--reports</c>: CSV (RFC 4180, a header row
/// with the columns <c>accession_number</c> and <c>report</c>, quoted fields may span lines) or JSONL (one object
/// per line with the string properties <c>accession_number</c> and <c>report</c>). Malformed files, missing
/// columns, empty or duplicate accession numbers are refused with the line number.
/// </summary>
public sealed class ReportTable
{
    public const string AccessionColumn = "accession_number";
    public const string ReportColumn = "report";

    private readonly Dictionary<string, (string Text, int Line)> _reports;

    private ReportTable(string path, Dictionary<string, (string, int)> reports)
    {
        FilePath = path;
        _reports = reports;
    }

    public static ReportTable Empty { get; } = new("(none)", []);

    public string FilePath { get; }

    public int Count => _reports.Count;

    /// <summary>The text for an accession number (possibly empty or blank), and the line it came from.</summary>
    public bool TryGet(string? accessionNumber, out string text, out int line)
    {
        if (accessionNumber is { Length: > 0 } key && _reports.TryGetValue(key.Trim(), out var entry))
        {
            (text, line) = entry;
            return true;
        }
        (text, line) = (string.Empty, 0);
        return false;
    }

    /// <exception cref="InvalidDataException">The file is not a valid report table (message names file and line).</exception>
    public static ReportTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: reports file not found", path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? JsonLines(path, text)
            : path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? CsvRows(path, text)
                : throw new InvalidDataException($"{path}: reports file must end in .csv or .jsonl");
        var reports = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var (accession, report, line) in rows)
        {
            var key = accession.Trim();
            if (key.Length == 0) throw new InvalidDataException($"{path}: line {line}: empty {AccessionColumn}");
            if (reports.TryGetValue(key, out var first))
                throw new InvalidDataException($"{path}: line {line}: accession number '{key}' already given on line {first.Item2}");
            reports[key] = (report, line);
        }
        return new ReportTable(path, reports);
    }

    private static IEnumerable<(string Accession, string Report, int Line)> JsonLines(string path, string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            string? accession, report;
            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{path}: line {i + 1}: not a JSON object");
                accession = StringProperty(doc.RootElement, AccessionColumn, path, i + 1);
                report = StringProperty(doc.RootElement, ReportColumn, path, i + 1);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: not valid JSON ({e.Message})", e);
            }
            yield return (accession, report, i + 1);
        }
    }

    private static string StringProperty(JsonElement o, string name, string path, int line) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InvalidDataException($"{path}: line {line}: needs a string property \"{name}\"");

    private static IEnumerable<(string Accession, string Report, int Line)> CsvRows(string path, string text)
    {
        using var records = CsvReader.Records(path, text).GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException($"{path}: empty CSV; expected a header row with {AccessionColumn},{ReportColumn}");
        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        int a = header.IndexOf(AccessionColumn), r = header.IndexOf(ReportColumn);
        if (a < 0 || r < 0)
            throw new InvalidDataException($"{path}: line 1: the header needs the columns {AccessionColumn} and {ReportColumn} (found: {string.Join(", ", header)})");
        while (records.MoveNext())
        {
            var (fields, line) = records.Current;
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (fields.Count != header.Count)
                throw new InvalidDataException($"{path}: line {line}: {fields.Count} fields, the header has {header.Count}");
            yield return (fields[a], fields[r], line);
        }
    }
}
