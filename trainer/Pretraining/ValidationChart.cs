using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// <c>validation.png</c>: held-out metrics in [0, 1] against the step, one line each with its name in the legend:
/// recall@1 blue, recall@5 green, tag mAP orange; the numbers are in <c>validation.csv</c>.
/// </summary>
public static class ValidationChart
{
    public static readonly (byte R, byte G, byte B)[] Colours = [(30, 90, 200), (40, 150, 70), (230, 140, 20)];
    public static readonly string[] Names = ["RECALL@1", "RECALL@5", "TAG MAP"];

    public static void Write(string path, IReadOnlyList<IReadOnlyList<(int Step, double Value)>> series, int width = 800, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(series);
        var canvas = new Canvas(width, height, (255, 255, 255));
        var last = Math.Max(1, series.SelectMany(s => s).Select(p => p.Step).DefaultIfEmpty(1).Max());
        var frame = new ChartFrame(canvas, "HELD-OUT PAIRS", 1, last, "STEPS");
        var legend = width - ChartFrame.Right;
        for (var s = series.Count - 1; s >= 0; s--)
        {
            var colour = Colours[s % Colours.Length];
            var name = s < Names.Length ? Names[s] : $"SERIES {s + 1}";
            legend -= BitmapFont.Width(name, ChartFrame.Scale);
            BitmapFont.Draw(canvas, legend, 6, name, colour, ChartFrame.Scale);
            legend -= 14;
            canvas.FillRect(legend, 8, 8, 8, colour);
            legend -= 16;
        }
        for (var s = 0; s < series.Count; s++)
        {
            (int X, int Y)? previous = null;
            foreach (var (step, value) in series[s])
            {
                if (!double.IsFinite(value)) { previous = null; continue; }
                var point = (frame.X(step), frame.Y(value));
                canvas.FillRect(point.Item1 - 2, point.Item2 - 2, 5, 5, Colours[s % Colours.Length]);
                if (previous is { } p) canvas.Line(p.X, p.Y, point.Item1, point.Item2, Colours[s % Colours.Length], 2);
                previous = point;
            }
        }
        canvas.Save(path);
    }
}
