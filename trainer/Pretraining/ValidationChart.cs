using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// <c>validation.png</c>: held-out metrics in [0, 1] against the step, one line each: recall@1 blue, recall@5
/// green, tag mAP orange; grid lines at each 0.25 and each 10 % of the steps. No text: the numbers are in
/// <c>validation.csv</c>.
/// </summary>
public static class ValidationChart
{
    public static readonly (byte R, byte G, byte B)[] Colours = [(30, 90, 200), (40, 150, 70), (230, 140, 20)];

    public static void Write(string path, IReadOnlyList<IReadOnlyList<(int Step, double Value)>> series, int width = 800, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(series);
        var canvas = new Canvas(width, height, (255, 255, 255));
        const int m = 20;
        int pw = width - 2 * m, ph = height - 2 * m;
        for (var i = 0; i <= 4; i++) canvas.Line(m, m + i * ph / 4, m + pw, m + i * ph / 4, (225, 225, 225));
        for (var i = 0; i <= 10; i++) canvas.Line(m + i * pw / 10, m, m + i * pw / 10, m + ph, (225, 225, 225));
        var last = Math.Max(1, series.SelectMany(s => s).Select(p => p.Step).DefaultIfEmpty(1).Max());
        for (var s = 0; s < series.Count; s++)
        {
            (int X, int Y)? previous = null;
            foreach (var (step, value) in series[s])
            {
                if (!double.IsFinite(value)) { previous = null; continue; }
                var point = (m + (int)Math.Round((double)step / last * pw), m + ph - (int)Math.Round(Math.Clamp(value, 0, 1) * ph));
                canvas.FillRect(point.Item1 - 2, point.Item2 - 2, 5, 5, Colours[s % Colours.Length]);
                if (previous is { } p) canvas.Line(p.X, p.Y, point.Item1, point.Item2, Colours[s % Colours.Length], 2);
                previous = point;
            }
        }
        canvas.Save(path);
    }
}
