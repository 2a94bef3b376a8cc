using System.Diagnostics;
using Mosmos.Trainer.Text;

namespace Mosmos.Trainer.Tests.Text;

/// <summary>The committed vocabulary through <see cref="ReportTokenizer"/>: specials, round trips, truncation, hostile text.</summary>
public sealed class ReportTokenizerTests
{
    private static readonly ReportTokenizer Tokenizer = ReportTokenizer.Load(ReportTokenizer.DefaultVocabularyPath);

    private static int[] Body(string text) => Tokenizer.Encode(text, int.MaxValue)[1..^1];

    [Fact]
    public void CommittedVocabularyHasTheSpecialTokensFirstAndAFewThousandEntries()
    {
        Assert.True(File.Exists(ReportTokenizer.DefaultVocabularyPath));
        var lines = File.ReadAllLines(ReportTokenizer.DefaultVocabularyPath);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], lines[..5]);
        Assert.Equal(lines.Length, Tokenizer.VocabularySize);
        Assert.InRange(Tokenizer.VocabularySize, 300, 8000);
        Assert.Equal((0, 1, 2, 3, 4), (Tokenizer.PadId, Tokenizer.UnknownId, Tokenizer.ClsId, Tokenizer.SepId, Tokenizer.MaskId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData("\u0000\u0001\u001b\u007f")]
    public void EmptyReportIsClsSep(string text) => Assert.Equal([Tokenizer.ClsId, Tokenizer.SepId], Tokenizer.Encode(text, 64));

    [Theory]
    [InlineData("The liver is normal in size.")]
    [InlineData("Status post cholecystectomy. No hydronephrosis or renal calculi.")]
    [InlineData("The spleen measures 11.4 cm, within normal limits.")]
    [InlineData("IMPRESSION: 1. Splenomegaly. 2. Surgically absent gallbladder.")]
    public void ReportWordsRoundTripWithoutUnknownTokens(string text)
    {
        var ids = Tokenizer.Encode(text, 512);
        Assert.Equal(Tokenizer.ClsId, ids[0]);
        Assert.Equal(Tokenizer.SepId, ids[^1]);
        Assert.DoesNotContain(Tokenizer.UnknownId, ids);
        Assert.Equal(Normalised(text), Normalised(Tokenizer.Decode(ids)));
    }

    [Theory]
    [InlineData("liver")]
    [InlineData("spleen")]
    [InlineData("kidney")]
    [InlineData("gallbladder")]
    [InlineData("hydronephrosis")]
    [InlineData("unremarkable")]
    public void FrequentReportWordsAreSingleTokens(string word) => Assert.Equal([word], Tokenizer.Tokens(Body(word)));

    [Fact]
    public void LowerCasesAndStripsAccentsAsBertUncased()
    {
        Assert.Equal(Body("the liver"), Body("THE Liver"));
        Assert.Equal(Body("the liver"), Body("thé lïvér"));
    }

    [Fact]
    public void UnseenWordsArePiecedWithContinuationsNotUnknown()
    {
        var tokens = Tokenizer.Tokens(Body("zygomaticofacial"));
        Assert.True(tokens.Count > 1);
        Assert.DoesNotContain("[UNK]", tokens);
        Assert.All(tokens.Skip(1), t => Assert.StartsWith("##", t, StringComparison.Ordinal));
        Assert.Equal("zygomaticofacial", string.Concat(tokens.Select(t => t.Replace("##", "", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("肝")]                 // a CJK character: its own token, not in the vocabulary
    [InlineData("печень")]             // Cyrillic letters the corpus never had
    [InlineData("ωμέγα")]
    public void UnknownCharactersBecomeTheUnknownToken(string word)
    {
        var body = Body($"liver {word} spleen");
        Assert.Equal(Body("liver"), body[..1]);
        Assert.Equal(Body("spleen"), body[^1..]);
        Assert.All(body[1..^1], id => Assert.Equal(Tokenizer.UnknownId, id));
    }

    [Fact]
    public void SpecialTokensTypedInTheTextAreText()
    {
        var body = Body("[CLS] [SEP] [PAD] [MASK] liver");
        Assert.DoesNotContain(Tokenizer.ClsId, body);
        Assert.DoesNotContain(Tokenizer.SepId, body);
        Assert.DoesNotContain(Tokenizer.PadId, body);
        Assert.DoesNotContain(Tokenizer.MaskId, body);
    }

    [Fact]
    public void LongInputIsTruncatedToMaxTokensWithSepLast()
    {
        var text = string.Concat(Enumerable.Repeat("The kidneys are unremarkable. No hydronephrosis. ", 200));
        var full = Tokenizer.Encode(text, int.MaxValue);
        Assert.True(full.Length > 1000);
        foreach (var max in new[] { 2, 3, 16, 77, 512 })
        {
            var ids = Tokenizer.Encode(text, max);
            Assert.Equal(max, ids.Length);
            Assert.Equal(Tokenizer.ClsId, ids[0]);
            Assert.Equal(Tokenizer.SepId, ids[^1]);
            Assert.Equal(full[..(max - 1)], ids[..^1]);
        }
        Assert.Equal(full, Tokenizer.Encode(text, full.Length));
        Assert.Equal(full, Tokenizer.Encode(text, full.Length + 100));
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => Tokenizer.Encode(null!, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode("liver", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode("liver", -5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Tokens([Tokenizer.VocabularySize]));
    }

    [Fact]
    public void ControlCharactersAreDropped() => Assert.Equal(Body("liver is normal"), Body("liver\u0000 is\u0007\u001b normal\u0085"));

    // By index: xUnit serialises the strings themselves into one identical test ID, and would run only the first.
    private static readonly string[] BrokenSurrogates =
    [
        "liver \ud800 spleen",       // lone high surrogate
        "liver \udc00 spleen",       // lone low surrogate
        "liver \udc00\ud800 spleen", // pair in the wrong order
        "liver spleen \ud83d",       // high surrogate cut at the end
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void InvalidSurrogatesAreDroppedNotThrown(int index) => Assert.Equal(Body("liver spleen"), Body(BrokenSurrogates[index]));

    [Fact]
    public void ValidSurrogatePairsAreDroppedAsSymbolsWithoutHarmingTheirNeighbours() =>
        Assert.Equal(Body("liver spleen"), Body("liver \ud83d\ude00 spleen")); // an emoji (category So) is no word to BERT

    [Fact]
    public void OneMegabyteOfHostileTextEncodesQuickly()
    {
        var random = new Random(42);
        var chars = new char[1 << 20];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0x10000);
        var text = new string(chars);
        var clock = Stopwatch.StartNew();
        var ids = Tokenizer.Encode(text, 512);
        Assert.Equal(512, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, Tokenizer.VocabularySize - 1));
        var all = Tokenizer.Encode(text, int.MaxValue);
        Assert.True(all.Length > 512);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void OverlongWordIsOneUnknownToken() => Assert.Equal([Tokenizer.UnknownId], Body(new string('a', 101)));

    private static string Normalised(string text) => string.Join(' ', ReportTokenizer.Words(text));
}
