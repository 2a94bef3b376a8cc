using Mosmos.Trainer.Text;

namespace Mosmos.Trainer.Tests.Text;

/// <summary>Vocabulary files that <see cref="ReportTokenizer.Load"/> must refuse with a clear message.</summary>
public sealed class VocabularyLoadTests
{
    private static readonly string[] Specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "nope.txt");
        var e = Assert.Throws<FileNotFoundException>(() => ReportTokenizer.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[UNK]", "special token [UNK] is missing")]
    [InlineData("[MASK]", "special token [MASK] is missing")]
    public void MissingSpecialTokenIsRefused(string left, string problem)
    {
        var e = Assert.Throws<VocabularyFormatException>(() => LoadLines([.. Specials.Where(s => s != left), "liver"]));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateTokenIsRefusedWithItsLine()
    {
        var e = Assert.Throws<VocabularyFormatException>(() => LoadLines([.. Specials, "liver", "spleen", "liver"]));
        Assert.Contains("line 8: duplicate token 'liver'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void BlankOrSpacedLineIsRefused(string bad)
    {
        var e = Assert.Throws<VocabularyFormatException>(() => LoadLines([.. Specials, bad, "liver"]));
        Assert.Contains("line 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedFileIsRefusedBeforeReading()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "vocab.txt");
        using (var f = File.Create(path)) f.SetLength(ReportTokenizer.MaxVocabularyBytes + 1);
        var e = Assert.Throws<VocabularyFormatException>(() => ReportTokenizer.Load(path));
        Assert.Contains("bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecialTokensNeedNotComeFirst()
    {
        var t = LoadLines(["liver", .. Specials]);
        Assert.Equal((1, 2, 3, 4), (t.PadId, t.UnknownId, t.ClsId, t.SepId));
        Assert.Equal([3, 0, 4], t.Encode("Liver", 8));
    }

    private static ReportTokenizer LoadLines(string[] lines)
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "vocab.txt");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return ReportTokenizer.Load(path);
    }
}
