namespace Mosmos.Trainer.Reporting;

/// <summary>Training curve and Dice bar chart as PNG, labelled with <see cref="BitmapFont"/>; the numbers themselves live in the CSV/Markdown beside them.</summary>
public static class Charts
{
    private static readonly (byte, byte, byte) White = (255, 255, 255);
    private static readonly (byte, byte, byte) Raw = (170, 200, 235);
    private static readonly (byte, byte, byte) Smooth = (20, 70, 160);

    /// <summary>
    /// Loss per step (light) and its exponential moving average (dark); y from 0 to the largest loss, grid lines at
    /// each 0.25 of that range and at each 10 % of the steps, labelled.
    /// </summary>
    public static void TrainingCurve(string path, IReadOnlyList<(int Step, double Loss)> points, int width = 800, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(points);
        var canvas = new Canvas(width, height, White);
        var max = points.Count == 0 ? 1 : Math.Max(1e-9, points.Max(p => double.IsFinite(p.Loss) ? p.Loss : 0));
        var frame = new ChartFrame(canvas, "LOSS PER STEP (LIGHT) AND ITS MOVING AVERAGE (DARK)", max, points.Count == 0 ? 1 : Math.Max(1, points[^1].Step), "STEPS");
        if (points.Count > 0)
        {
            var ema = points[0].Loss;
            (int X, int Y)? prevRaw = null, prevEma = null;
            foreach (var (step, loss) in points)
            {
                ema = 0.9 * ema + 0.1 * loss;
                var r = (frame.X(step), frame.Y(loss));
                var s = (frame.X(step), frame.Y(ema));
                if (prevRaw is { } a) canvas.Line(a.X, a.Y, r.Item1, r.Item2, Raw);
                if (prevEma is { } b) canvas.Line(b.X, b.Y, s.Item1, s.Item2, Smooth, 2);
                (prevRaw, prevEma) = (r, s);
            }
        }
        canvas.Save(path);
    }

    /// <summary>
    /// One bar per organ, heights = Dice in [0, 1], the organ's name under it (read upwards); grid lines at 0.25,
    /// 0.5, 0.75, 0.9 (the goal, red) and 1, labelled.
    /// </summary>
    public static void DiceBars(string path, IReadOnlyList<string> organs, IReadOnlyList<double> dice, int plotHeight = 260)
    {
        ArgumentNullException.ThrowIfNull(organs);
        ArgumentNullException.ThrowIfNull(dice);
        if (organs.Count != dice.Count) throw new ArgumentException($"{organs.Count} organs for {dice.Count} Dice values", nameof(organs));
        const int left = 48, top = 24, bar = 24, gap = 8, scale = 2;
        var names = organs.Count == 0 ? 0 : organs.Max(o => BitmapFont.Width(o, scale));
        var width = left + 16 + Math.Max(1, dice.Count) * (bar + gap);
        var canvas = new Canvas(width, top + plotHeight + 8 + names + 8, White);
        BitmapFont.Draw(canvas, left, 6, "MEAN DICE", ChartFrame.Ink, scale);
        int Y(double level) => top + plotHeight - (int)Math.Round(level * plotHeight);
        foreach (var level in new[] { 0.0, 0.25, 0.5, 0.75, 0.9, 1.0 })
        {
            canvas.Line(left, Y(level), width - 16, Y(level), level == 0.9 ? ((byte)240, (byte)170, (byte)170) : ChartFrame.Grid);
            BitmapFont.DrawRight(canvas, left - 6, Y(level), ChartFrame.Format(level), ChartFrame.Ink, scale);
        }
        for (var i = 0; i < dice.Count; i++)
        {
            var h = double.IsFinite(dice[i]) ? (int)Math.Round(Math.Clamp(dice[i], 0, 1) * plotHeight) : 0;
            var colour = dice[i] >= 0.9 ? ((byte)40, (byte)150, (byte)70) : dice[i] >= 0.75 ? ((byte)230, (byte)160, (byte)30) : ((byte)200, (byte)50, (byte)50);
            var x = left + gap / 2 + i * (bar + gap);
            canvas.FillRect(x, top + plotHeight - h, bar, h, colour);
            BitmapFont.DrawUpwards(canvas, x + (bar - BitmapFont.GlyphHeight * scale) / 2, top + plotHeight + 8 + BitmapFont.Width(organs[i], scale) - 1,
                organs[i], ChartFrame.Ink, scale);
        }
        canvas.Save(path);
    }
}
