namespace Mosmos.Trainer.Reporting;

/// <summary>Training curve and Dice bar chart as PNG. No text rendering: numbers live in the CSV/Markdown beside them.</summary>
public static class Charts
{
    private static readonly (byte, byte, byte) White = (255, 255, 255);
    private static readonly (byte, byte, byte) Grid = (225, 225, 225);
    private static readonly (byte, byte, byte) Raw = (170, 200, 235);
    private static readonly (byte, byte, byte) Smooth = (20, 70, 160);

    /// <summary>
    /// Loss per step (light) and its exponential moving average (dark); y from 0 to the largest loss, horizontal
    /// grid lines at each 0.25 of that range, vertical ones at each 10 % of the steps.
    /// </summary>
    public static void TrainingCurve(string path, IReadOnlyList<(int Step, double Loss)> points, int width = 800, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(points);
        var canvas = new Canvas(width, height, White);
        const int m = 20;
        int pw = width - 2 * m, ph = height - 2 * m;
        for (var i = 0; i <= 4; i++) canvas.Line(m, m + i * ph / 4, m + pw, m + i * ph / 4, Grid);
        for (var i = 0; i <= 10; i++) canvas.Line(m + i * pw / 10, m, m + i * pw / 10, m + ph, Grid);
        if (points.Count > 0)
        {
            var max = Math.Max(1e-9, points.Max(p => double.IsFinite(p.Loss) ? p.Loss : 0));
            var last = Math.Max(1, points[^1].Step);
            int X(int step) => m + (int)Math.Round((double)step / last * pw);
            int Y(double loss) => m + ph - (int)Math.Round(Math.Clamp(loss / max, 0, 1) * ph);
            var ema = points[0].Loss;
            (int X, int Y)? prevRaw = null, prevEma = null;
            foreach (var (step, loss) in points)
            {
                ema = 0.9 * ema + 0.1 * loss;
                var r = (X(step), Y(loss));
                var s = (X(step), Y(ema));
                if (prevRaw is { } a) canvas.Line(a.X, a.Y, r.Item1, r.Item2, Raw);
                if (prevEma is { } b) canvas.Line(b.X, b.Y, s.Item1, s.Item2, Smooth, 2);
                (prevRaw, prevEma) = (r, s);
            }
        }
        canvas.Save(path);
    }

    /// <summary>One bar per organ, heights = Dice in [0, 1]; grid lines at 0.25, 0.5, 0.75, 0.9 (the goal) and 1.</summary>
    public static void DiceBars(string path, IReadOnlyList<double> dice, int height = 300)
    {
        ArgumentNullException.ThrowIfNull(dice);
        const int m = 20, bar = 24, gap = 8;
        var width = 2 * m + Math.Max(1, dice.Count) * (bar + gap);
        var canvas = new Canvas(width, height, White);
        var ph = height - 2 * m;
        foreach (var level in new[] { 0.25, 0.5, 0.75, 0.9, 1.0 })
            canvas.Line(m, m + ph - (int)(level * ph), width - m, m + ph - (int)(level * ph), level == 0.9 ? ((byte)240, (byte)170, (byte)170) : Grid);
        for (var i = 0; i < dice.Count; i++)
        {
            var h = double.IsFinite(dice[i]) ? (int)Math.Round(Math.Clamp(dice[i], 0, 1) * ph) : 0;
            var colour = dice[i] >= 0.9 ? ((byte)40, (byte)150, (byte)70) : dice[i] >= 0.75 ? ((byte)230, (byte)160, (byte)30) : ((byte)200, (byte)50, (byte)50);
            canvas.FillRect(m + i * (bar + gap), m + ph - h, bar, h, colour);
        }
        canvas.Save(path);
    }
}
