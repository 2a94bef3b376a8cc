using System.Globalization;
using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Training;

/// <summary>
/// <c>RUN/validation.csv</c> (step, mean_dice, then one column per organ; empty where an organ was not scored),
/// <c>RUN/validation-curve.png</c> (mean Dice against step, y from 0 to 1, grid at 0.25 … 0.9 … 1) and the best
/// checkpoint, <c>RUN/best/</c>: a copy of the checkpoint of the step with the highest mean Dice (the first such
/// step on ties), replaced by rename. On resume, rows after the checkpoint's step are dropped and <c>best/</c> is
/// brought back to the best of the rows that remain (every validated step has its own checkpoint).
/// </summary>
public sealed class ValidationLog
{
    public const string FileName = "validation.csv";
    public const string BestFolder = "best";

    private readonly string _run;
    private readonly IReadOnlyList<string> _organs;
    private readonly List<ValidationScore> _scores;

    public ValidationLog(string runFolder, IReadOnlyList<string> organs, int resumeStep)
    {
        ArgumentNullException.ThrowIfNull(organs);
        _run = runFolder;
        _organs = organs;
        FilePath = Path.Combine(runFolder, FileName);
        _scores = [.. Read(FilePath, organs).Where(s => s.Step <= resumeStep)];
        Rewrite();
        RestoreBest();
    }

    public string FilePath { get; }

    public IReadOnlyList<ValidationScore> Scores => _scores;

    /// <summary>The best score so far, or null before the first validation.</summary>
    public ValidationScore? Best => _scores.Where(s => double.IsFinite(s.MeanDice)).OrderByDescending(s => s.MeanDice).ThenBy(s => s.Step).FirstOrDefault();

    /// <summary>Records a score (its checkpoint must exist) and makes it <c>best/</c> when it beats every earlier one.</summary>
    public bool Append(ValidationScore score, string checkpoint)
    {
        ArgumentNullException.ThrowIfNull(score);
        var previous = Best;
        _scores.Add(score);
        Rewrite();
        DrawCurve(Path.Combine(_run, "validation-curve.png"));
        if (!double.IsFinite(score.MeanDice) || (previous is not null && score.MeanDice <= previous.MeanDice)) return false;
        CopyBest(checkpoint);
        return true;
    }

    private void Rewrite()
    {
        var tmp = FilePath + ".tmp";
        using (var w = new StreamWriter(tmp, append: false))
        {
            w.WriteLine("step,mean_dice," + string.Join(',', _organs));
            foreach (var s in _scores)
            {
                var cells = _organs.Select(o => s.DicePerOrgan.TryGetValue(o, out var d) ? d.ToString("F4", CultureInfo.InvariantCulture) : "");
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Step},{s.MeanDice:F4},") + string.Join(',', cells));
            }
        }
        File.Move(tmp, FilePath, overwrite: true);
    }

    private void RestoreBest()
    {
        var folder = Path.Combine(_run, BestFolder);
        var best = Best;
        var current = File.Exists(Path.Combine(folder, Checkpoint.StateFile)) ? Checkpoint.ReadState(folder).Step : (int?)null;
        if (best?.Step == current) return;
        var source = best is null ? null : Path.Combine(_run, "checkpoints", $"step-{best.Step:D6}");
        if (source is not null && File.Exists(Path.Combine(source, Checkpoint.StateFile))) CopyBest(source);
        else if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private void CopyBest(string checkpoint)
    {
        var folder = Path.Combine(_run, BestFolder);
        var tmp = folder + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);
        foreach (var file in Directory.GetFiles(checkpoint)) File.Copy(file, Path.Combine(tmp, Path.GetFileName(file)));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(tmp, folder);
    }

    private void DrawCurve(string path)
    {
        var canvas = new Canvas(800, 400, (255, 255, 255));
        const int m = 20;
        int pw = 800 - 2 * m, ph = 400 - 2 * m;
        foreach (var level in new[] { 0.0, 0.25, 0.5, 0.75, 0.9, 1.0 })
            canvas.Line(m, m + ph - (int)(level * ph), m + pw, m + ph - (int)(level * ph), level == 0.9 ? ((byte)240, (byte)170, (byte)170) : ((byte)225, (byte)225, (byte)225));
        var points = _scores.Where(s => double.IsFinite(s.MeanDice)).ToList();
        var last = Math.Max(1, points.Count == 0 ? 1 : points[^1].Step);
        (int X, int Y)? previous = null;
        foreach (var s in points)
        {
            var p = (m + (int)Math.Round((double)s.Step / last * pw), m + ph - (int)Math.Round(Math.Clamp(s.MeanDice, 0, 1) * ph));
            if (previous is { } a) canvas.Line(a.X, a.Y, p.Item1, p.Item2, (20, 70, 160), 2);
            canvas.FillRect(p.Item1 - 2, p.Item2 - 2, 5, 5, (20, 70, 160));
            previous = p;
        }
        if (Best is { } best)
        {
            int x = m + (int)Math.Round((double)best.Step / last * pw), y = m + ph - (int)Math.Round(Math.Clamp(best.MeanDice, 0, 1) * ph);
            canvas.FillRect(x - 4, y - 4, 9, 9, (40, 150, 70));
        }
        canvas.Save(path);
    }

    private static IEnumerable<ValidationScore> Read(string path, IReadOnlyList<string> organs)
    {
        if (!File.Exists(path)) yield break;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) yield break;
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 2 || !int.TryParse(cells[0], CultureInfo.InvariantCulture, out var step)
                || !double.TryParse(cells[1], CultureInfo.InvariantCulture, out var mean)) continue;
            var perOrgan = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 2; i < Math.Min(cells.Length, header.Length); i++)
            {
                if (organs.Contains(header[i]) && double.TryParse(cells[i], CultureInfo.InvariantCulture, out var d)) perOrgan[header[i]] = d;
            }
            yield return new ValidationScore(step, mean, perOrgan);
        }
    }
}
