using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Tests.Reporting;

public sealed class BitmapFontTests
{
    private static readonly (byte, byte, byte) Ink = (0, 0, 0);

    /// <summary>The inked pixels of a canvas as rows of '#' and '.'.</summary>
    private static string[] Inked(Canvas canvas)
    {
        var rows = new string[canvas.Height];
        for (var y = 0; y < canvas.Height; y++)
            rows[y] = new string([.. Enumerable.Range(0, canvas.Width).Select(x => canvas.Pixels[(y * canvas.Width + x) * 3] == 0 ? '#' : '.')]);
        return rows;
    }

    [Fact]
    public void Digits_are_drawn_as_their_glyph_at_the_given_corner()
    {
        var canvas = new Canvas(9, 7, (255, 255, 255));
        BitmapFont.Draw(canvas, 1, 1, "17", Ink);
        Assert.Equal(
        [
            ".........",
            "..#..###.",
            ".##....#.",
            "..#....#.",
            "..#...#..",
            ".###..#..",
            ".........",
        ], Inked(canvas));
    }

    [Fact]
    public void Scale_widens_every_pixel_and_the_width_counts_one_column_between_glyphs()
    {
        Assert.Equal(14, BitmapFont.Width("AB", 2));
        Assert.Equal(0, BitmapFont.Width(""));
        var canvas = new Canvas(6, 10, (255, 255, 255));
        BitmapFont.Draw(canvas, 0, 0, "-", Ink, 2);
        var rows = Inked(canvas);
        Assert.All(rows.Take(4).Concat(rows.Skip(6)), r => Assert.Equal("......", r));
        Assert.Equal(["######", "######"], rows[4..6]);
    }

    [Fact]
    public void Lower_case_is_upper_case_and_an_unknown_character_is_a_question_mark()
    {
        static string[] Render(string text)
        {
            var canvas = new Canvas(4, 5, (255, 255, 255));
            BitmapFont.Draw(canvas, 0, 0, text, Ink);
            return Inked(canvas);
        }
        Assert.Equal(Render("A"), Render("a"));
        Assert.Equal(Render("?"), Render("µ"));
        Assert.NotEqual(Render("A"), Render("?"));
    }

    [Fact]
    public void Upwards_text_is_the_glyph_turned_counter_clockwise_ending_at_the_start_point()
    {
        var canvas = new Canvas(5, 3, (255, 255, 255));
        BitmapFont.DrawUpwards(canvas, 0, 2, "7", Ink);
        // "7" is 111 / 001 / 001 / 010 / 010: its top row becomes the left column, read from the bottom up.
        Assert.Equal(["###..", "#..##", "#...."], Inked(canvas));
    }

    [Fact]
    public void Dice_bars_need_one_name_per_value_and_make_room_for_the_longest()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "dice.png");
        Assert.Throws<ArgumentException>(() => Charts.DiceBars(path, ["liver"], [0.5, 0.6]));
        Charts.DiceBars(path, ["liver", "inferior_vena_cava"], [0.95, 0.4]);
        Assert.True(new FileInfo(path).Length > 100);
    }
}
