using System.Diagnostics;
using Mosmos.Datasets.Reports;
using Mosmos.Dicom;

namespace Mosmos.Datasets.Tests.Reports;

/// <summary>The extractor's contract: catalog ids, sections, merging, uncertainty, and hostile text.</summary>
public sealed class ReportTagExtractorTests
{
    [Fact]
    public void ProducesExactlyTheCatalogOrgans() =>
        Assert.Equal(OrganCatalog.All.Select(o => o.Id).Order(StringComparer.Ordinal), ReportTagExtractor.OrganIds);

    [Fact]
    public void StatementsCarrySectionUncertaintyAndSentence()
    {
        const string report = "CLINICAL HISTORY: Prior cholecystectomy.\n\nFINDINGS:\nKIDNEYS: Status post nephrectomy. "
            + "Possible 1 cm cyst in the liver.\n\nIMPRESSION:\n1. Splenomegaly.";
        var statements = ReportTagExtractor.Statements(report);
        Assert.Contains(new OrganStatement("gallbladder", OrganTag.Absent, false, ReportSection.History, "Prior cholecystectomy"), statements);
        Assert.Contains(new OrganStatement("kidney_left", OrganTag.Absent, true, ReportSection.Findings, "KIDNEYS: Status post nephrectomy"), statements);
        Assert.Contains(new OrganStatement("liver", OrganTag.Abnormal, true, ReportSection.Findings, "Possible 1 cm cyst in the liver"), statements);
        Assert.Contains(new OrganStatement("spleen", OrganTag.Abnormal, false, ReportSection.Impression, "Splenomegaly"), statements);
        var tags = ReportTagExtractor.Extract(report);
        Assert.Equal(["liver", "spleen"], tags.Keys);   // history does not count; a side-less nephrectomy is not a tag
    }

    [Fact]
    public void MergeRanksAbsentOverAbnormalOverPresentAndDropsHedgedAbsence()
    {
        OrganStatement S(string organ, OrganTag tag, bool uncertain = false, ReportSection section = ReportSection.Findings) =>
            new(organ, tag, uncertain, section, "");
        var tags = ReportTagExtractor.Merge([
            S("liver", OrganTag.Present), S("liver", OrganTag.Abnormal, uncertain: true), S("liver", OrganTag.Present),
            S("spleen", OrganTag.Abnormal), S("spleen", OrganTag.Absent),
            S("gallbladder", OrganTag.Absent, uncertain: true),
            S("uterus", OrganTag.Absent, uncertain: true), S("uterus", OrganTag.Present),
            S("pancreas", OrganTag.Abnormal, section: ReportSection.History), S("pancreas", OrganTag.Present, section: ReportSection.Impression),
            S("aorta", OrganTag.Abnormal, section: ReportSection.Comparison),
        ]);
        Assert.Equal(new Dictionary<string, OrganTag>
        {
            ["liver"] = OrganTag.Abnormal, ["pancreas"] = OrganTag.Present, ["spleen"] = OrganTag.Absent, ["uterus"] = OrganTag.Present,
        }, tags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t ")]
    [InlineData(".;:,()[]{}!?/")]
    [InlineData("FINDINGS:\nIMPRESSION:")]
    [InlineData("\u0000\u0001\u0002\u001b[31m\u007f")]
    public void TextWithoutOrgansGivesNoTags(string text) => Assert.Empty(ReportTagExtractor.Extract(text));

    [Fact]
    public void NoSentencePunctuationAtAll() =>
        Assert.Equal("liver=abnormal, spleen=present", HardSentences.Format(ReportTagExtractor.Extract("liver with a cyst\nspleen normal")));

    [Theory]
    [InlineData("Th\u0065\u0301 l\u0069\u0308ver is norm\u0061\u0300l.")]         // combining accents
    [InlineData("The liver\u00a0is\u2003normal\u3002")]                          // non-breaking and em spaces, ideographic stop
    [InlineData("\u0627\u0644\u0643\u0628\u062f liver \u05db\u05d1\u05d3 normal")]  // right-to-left words around it
    [InlineData("肝脏 liver 正常。")]
    [InlineData("The liver\u0000 is\u0007 normal\u001b.")]
    [InlineData("The liver \ud800is\udc00 normal \udc00\ud800.")]               // unpaired and reversed surrogates
    [InlineData("The liver is normal 😀.")]
    public void NonAsciiAndControlCharactersDoNotHideTheOrgan(string text) =>
        Assert.Equal("liver=present", HardSentences.Format(ReportTagExtractor.Extract(text)));

    [Fact]
    public void NullAndOversizedTextAreRefusedClearly()
    {
        Assert.Throws<ArgumentNullException>(() => ReportTagExtractor.Extract(null!));
        var e = Assert.Throws<ArgumentException>(() => ReportTagExtractor.Extract(new string('a', ReportTagExtractor.MaxReportLength + 1)));
        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneMegabyteWithoutSentenceBreaksIsReadInLinearTime()
    {
        // One "sentence" of 200 000 tokens full of organs, findings, negations and sides: every search is bounded.
        const string unit = "no left renal cyst or liver lesion but the right kidney and spleen are enlarged , ";
        var text = string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length));
        var clock = Stopwatch.StartNew();
        var tags = ReportTagExtractor.Extract(text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(OrganTag.Abnormal, tags["spleen"]);
        Assert.Equal(OrganTag.Abnormal, tags["kidney_right"]);
        Assert.Equal(OrganTag.Present, tags["kidney_left"]);
    }

    [Fact]
    public void OneMegabyteOfRandomCharactersDoesNotThrow()
    {
        var random = new Random(7);
        var chars = new char[1 << 20];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0x10000);
        var clock = Stopwatch.StartNew();
        var tags = ReportTagExtractor.Extract(new string(chars));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.All(tags.Keys, k => Assert.Contains(k, ReportTagExtractor.OrganIds));
    }

    [Fact]
    public void ManyShortSentencesAreReadInLinearTime()
    {
        var text = string.Concat(Enumerable.Repeat("Status post left nephrectomy. No splenomegaly. GB: unremarkable.\n", 15_000));
        var clock = Stopwatch.StartNew();
        var tags = ReportTagExtractor.Extract(text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal("gallbladder=present, kidney_left=absent, spleen=present", HardSentences.Format(tags));
    }
}
