using System.Globalization;

namespace Mosmos.Trainer.Reporting;

/// <summary>
/// The frame of a line chart: a title, horizontal grid lines at each quarter of [0, yMax] and vertical ones at each
/// tenth of [0, xMax], every horizontal line and every other vertical line labelled with its value, and the
/// mapping from data to pixels inside it.
/// </summary>
public sealed class ChartFrame
{
    public const int Left = 48, Right = 16, Top = 24, Bottom = 22, Scale = 2;
    public static readonly (byte R, byte G, byte B) Grid = (225, 225, 225), Ink = (80, 80, 80);

    private readonly int _width, _height;
    private readonly double _yMax, _xMax;

    public ChartFrame(Canvas canvas, string title, double yMax, double xMax, string xLabel)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        _width = canvas.Width - Left - Right;
        _height = canvas.Height - Top - Bottom;
        _yMax = yMax > 0 && double.IsFinite(yMax) ? yMax : 1;
        _xMax = xMax > 0 ? xMax : 1;
        BitmapFont.Draw(canvas, Left, 6, title, Ink, Scale);
        for (var i = 0; i <= 4; i++)
        {
            var y = Y(_yMax * i / 4);
            canvas.Line(Left, y, Left + _width, y, Grid);
            BitmapFont.DrawRight(canvas, Left - 6, y, Format(_yMax * i / 4), Ink, Scale);
        }
        for (var i = 0; i <= 10; i++)
        {
            var x = X(_xMax * i / 10);
            canvas.Line(x, Top, x, Top + _height, Grid);
            if (i % 2 == 1) continue;
            var value = _xMax >= 10 ? Math.Round(_xMax * i / 10) : _xMax * i / 10;
            var label = i == 10 ? $"{Format(_xMax)} {xLabel}" : Format(value);
            var left = Math.Clamp(x - BitmapFont.Width(label, Scale) / 2, 0, canvas.Width - BitmapFont.Width(label, Scale));
            BitmapFont.Draw(canvas, left, Top + _height + 6, label, Ink, Scale);
        }
    }

    public int X(double x) => Left + (int)Math.Round(Math.Clamp(x / _xMax, 0, 1) * _width);

    public int Y(double y) => Top + _height - (int)Math.Round(Math.Clamp(y / _yMax, 0, 1) * _height);

    /// <summary>Up to three significant digits, no exponent for the ranges charts show.</summary>
    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) < 1e7
            ? Math.Round(value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
