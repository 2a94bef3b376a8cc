namespace Mosmos.Trainer.Reporting;

/// <summary>
/// A 3×5 pixel font for chart labels (digits, A–Z, a few signs; lower case is drawn as upper case, anything else
/// as '?'), drawn at an integer scale with one pixel column between glyphs. No font files, so the charts read
/// the same on every machine.
/// </summary>
public static class BitmapFont
{
    public const int GlyphWidth = 3, GlyphHeight = 5;

    private static readonly Dictionary<char, string> Glyphs = new()
    {
        ['0'] = "111101101101111", ['1'] = "010110010010111", ['2'] = "111001111100111", ['3'] = "111001111001111",
        ['4'] = "101101111001001", ['5'] = "111100111001111", ['6'] = "111100111101111", ['7'] = "111001001010010",
        ['8'] = "111101111101111", ['9'] = "111101111001111",
        ['A'] = "010101111101101", ['B'] = "110101110101110", ['C'] = "011100100100011", ['D'] = "110101101101110",
        ['E'] = "111100110100111", ['F'] = "111100110100100", ['G'] = "011100101101011", ['H'] = "101101111101101",
        ['I'] = "111010010010111", ['J'] = "001001001101010", ['K'] = "101101110101101", ['L'] = "100100100100111",
        ['M'] = "101111111101101", ['N'] = "110101101101101", ['O'] = "010101101101010", ['P'] = "110101110100100",
        ['Q'] = "010101101110011", ['R'] = "110101110101101", ['S'] = "011100010001110", ['T'] = "111010010010010",
        ['U'] = "101101101101111", ['V'] = "101101101101010", ['W'] = "101101111111101", ['X'] = "101101010101101",
        ['Y'] = "101101010010010", ['Z'] = "111001010100111",
        [' '] = "000000000000000", ['.'] = "000000000000010", ['-'] = "000000111000000", ['+'] = "000010111010000",
        ['@'] = "010101111100011", ['%'] = "101001010100101", [':'] = "000010000010000", ['/'] = "001001010100100",
        ['_'] = "000000000000111", ['='] = "000111000111000", ['('] = "010100100100010", [')'] = "010001001001010",
        ['?'] = "111001010000010", [','] = "000000000010100",
    };

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="scale"/>.</summary>
    public static int Width(string text, int scale = 1) =>
        string.IsNullOrEmpty(text) ? 0 : (text.Length * (GlyphWidth + 1) - 1) * scale;

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (x, y).</summary>
    public static void Draw(Canvas canvas, int x, int y, string text, (byte R, byte G, byte B) colour, int scale = 1) =>
        Render(canvas, text, colour, scale, (gx, gy) => (x + gx, y + gy));

    /// <summary>Draws <paramref name="text"/> right-aligned to <paramref name="right"/>, vertically centred on <paramref name="middle"/>.</summary>
    public static void DrawRight(Canvas canvas, int right, int middle, string text, (byte R, byte G, byte B) colour, int scale = 1) =>
        Draw(canvas, right - Width(text, scale), middle - GlyphHeight * scale / 2, text, colour, scale);

    /// <summary>Draws <paramref name="text"/> turned 90° counter-clockwise (read bottom to top), starting at (x, y) and going up.</summary>
    public static void DrawUpwards(Canvas canvas, int x, int y, string text, (byte R, byte G, byte B) colour, int scale = 1) =>
        Render(canvas, text, colour, scale, (gx, gy) => (x + gy, y - gx - scale + 1));

    /// <param name="cell">Top-left pixel of the scale × scale cell whose glyph-space top-left corner is (gx, gy).</param>
    private static void Render(Canvas canvas, string text, (byte R, byte G, byte B) colour, int scale, Func<int, int, (int X, int Y)> cell)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        for (var i = 0; i < text.Length; i++)
        {
            var glyph = Glyphs.GetValueOrDefault(char.ToUpperInvariant(text[i]), Glyphs['?']);
            for (var row = 0; row < GlyphHeight; row++)
            for (var column = 0; column < GlyphWidth; column++)
            {
                if (glyph[row * GlyphWidth + column] != '1') continue;
                var (px, py) = cell((i * (GlyphWidth + 1) + column) * scale, row * scale);
                canvas.FillRect(px, py, scale, scale, colour);
            }
        }
    }
}
