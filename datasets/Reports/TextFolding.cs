using System.Globalization;
using System.Text;

namespace Mosmos.Datasets.Reports;

/// <summary>
/// Case and accent folding that works with <c>InvariantGlobalization</c> (where <see cref="string.Normalize()"/>
/// leaves accents alone): lower-case, non-spacing marks dropped, Latin letters with diacritics (Latin-1,
/// Extended-A/B) and accented Greek vowels mapped to their base letter, ligatures spelt out (æ → ae, œ → oe,
/// ß → ss). The table is generated from the Unicode decompositions (README.md, "Folding table"). Used by the tag
/// extractor and by the trainer's tokenizer so both see "Œsophagus" and "oesophagus" alike.
/// </summary>
public static class TextFolding
{
    private const string From = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳΆΈΉΊΌΎΏΐΪΫάέήίΰϊϋόύώ";
    private const string To = "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaooaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyαεηιουωιιυαεηιυιυουω";

    private static readonly Dictionary<char, string> Table = Build();

    /// <summary>The folded form of one UTF-16 unit: "" for a non-spacing mark, else one or two characters.</summary>
    public static string Fold(char c)
    {
        if (c < 0x80) return char.ToLowerInvariant(c).ToString();
        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) return "";
        return Table.TryGetValue(c, out var folded) ? folded : char.ToLowerInvariant(c).ToString();
    }

    /// <summary>Appends the folded form of <paramref name="c"/>; allocation-free for ASCII.</summary>
    public static void Append(StringBuilder sb, char c)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (c < 0x80) sb.Append(char.ToLowerInvariant(c));
        else sb.Append(Fold(c));
    }

    /// <summary>The folded text; surrogates and everything unmapped pass through lower-cased.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) Append(sb, c);
        return sb.ToString();
    }

    private static Dictionary<char, string> Build()
    {
        var table = new Dictionary<char, string>
        {
            ['Æ'] = "ae",
            ['Þ'] = "th",
            ['ß'] = "ss",
            ['æ'] = "ae",
            ['þ'] = "th",
            ['Ĳ'] = "ij",
            ['ĳ'] = "ij",
            ['Œ'] = "oe",
            ['œ'] = "oe",
            ['Ǣ'] = "ae",
            ['ǣ'] = "ae",
            ['Ǽ'] = "ae",
            ['ǽ'] = "ae",
        };
        for (var i = 0; i < From.Length; i++) table[From[i]] = To[i].ToString();
        return table;
    }
}
