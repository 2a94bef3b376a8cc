using System.Globalization;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// A CSV file with a step in the first column, appended and flushed row by row. Reopened on resume, rows past the
/// checkpoint's step are dropped, so the file matches the run that continues from there.
/// </summary>
public sealed class CsvLog : IDisposable
{
    private readonly StreamWriter _writer;

    public CsvLog(string path, string header, int resumeStep)
    {
        ArgumentNullException.ThrowIfNull(header);
        FilePath = path;
        var keep = File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(l => int.TryParse(l.Split(',')[0], CultureInfo.InvariantCulture, out var s) && s <= resumeStep).ToList()
            : [];
        Rows = [.. keep.Select(l => l.Split(','))];
        _writer = new StreamWriter(path, append: false);
        _writer.WriteLine(header);
        foreach (var line in keep) _writer.WriteLine(line);
        _writer.Flush();
    }

    public string FilePath { get; }

    /// <summary>Every row so far, split on commas (header excluded).</summary>
    public List<string[]> Rows { get; }

    public void Append(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var cells = values.Select(v => v switch
        {
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        }).ToArray();
        _writer.WriteLine(string.Join(',', cells));
        _writer.Flush();
        Rows.Add(cells);
    }

    /// <summary>Column <paramref name="column"/> as numbers against the step (column 0); unparsable cells are NaN.</summary>
    public List<(int Step, double Value)> Series(int column) =>
        [.. Rows.Where(r => r.Length > column).Select(r => (int.Parse(r[0], CultureInfo.InvariantCulture),
            double.TryParse(r[column], CultureInfo.InvariantCulture, out var v) ? v : double.NaN))];

    public void Dispose() => _writer.Dispose();
}
