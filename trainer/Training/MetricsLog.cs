using System.Globalization;

namespace Mosmos.Trainer.Training;

/// <summary>
/// <c>RUN/metrics.csv</c>: one row per step (step, loss, lr, seconds). On resume, rows after the checkpoint's
/// step are dropped so the log matches the run that continues from there.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private const string Header = "step,loss,lr,seconds";
    private readonly StreamWriter _writer;

    public MetricsLog(string runFolder, int resumeStep)
    {
        FilePath = Path.Combine(runFolder, "metrics.csv");
        Points = [.. Read(FilePath).Where(p => p.Step <= resumeStep)];
        var keep = File.Exists(FilePath) ? File.ReadLines(FilePath).Skip(1).Where(l => ParseStep(l) is { } s && s <= resumeStep).ToList() : [];
        _writer = new StreamWriter(FilePath, append: false);
        _writer.WriteLine(Header);
        foreach (var line in keep) _writer.WriteLine(line);
        _writer.Flush();
    }

    public string FilePath { get; }

    public List<(int Step, double Loss)> Points { get; }

    public void Append(StepResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Step},{r.Loss:G6},{r.LearningRate:G6},{r.Seconds:F4}"));
        _writer.Flush();
        Points.Add((r.Step, r.Loss));
    }

    public static IEnumerable<(int Step, double Loss)> Read(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var s)
                && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var l))
                yield return (s, l);
        }
    }

    private static int? ParseStep(string line) =>
        int.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out var s) ? s : null;

    public void Dispose() => _writer.Dispose();
}
