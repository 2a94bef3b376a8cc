using Mosmos.Datasets.Reports;

namespace Mosmos.Datasets.Tests.Reports;

/// <summary>Accent and case folding without ICU (the build sets InvariantGlobalization).</summary>
public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Œsophagus", "oesophagus")]
    [InlineData("LÏVÉR", "liver")]
    [InlineData("Ærø Straße", "aero strasse")]
    [InlineData("he\u0301patique", "hepatique")]
    [InlineData("Łódź Čáslav", "lodz caslav")]
    [InlineData("ΉΠΑΡ ήπαρ", "ηπαρ ηπαρ")]
    [InlineData("肝 liver", "肝 liver")]
    [InlineData("a\ud800b", "a\ud800b")]
    public void FoldsCaseAccentsAndLigatures(string text, string folded) => Assert.Equal(folded, TextFolding.Fold(text));

    [Fact]
    public void LatinLettersFoldToLowerCaseAscii()
    {
        for (var c = '\u00c0'; c <= '\u017f'; c++)
        {
            if (!char.IsLetter(c)) continue;   // × and ÷
            var f = TextFolding.Fold(c);
            Assert.True(f.Length > 0 && f.All(char.IsAsciiLetterLower), $"U+{(int)c:X4} '{c}' → '{f}'");
        }
    }
}
