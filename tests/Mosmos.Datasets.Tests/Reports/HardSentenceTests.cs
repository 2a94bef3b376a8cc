using Mosmos.Datasets.Reports;
using Mosmos.Dicom;

namespace Mosmos.Datasets.Tests.Reports;

/// <summary>Synonyms, adjectives, groups, sections, negation scope, absence, uncertainty, look-alikes: one sentence each.</summary>
public sealed class HardSentenceTests
{
    [Theory]
    [MemberData(nameof(HardSentences.Cases), MemberType = typeof(HardSentences))]
    public void ExtractsTheExpectedTags(string text, string expected) =>
        Assert.Equal(expected, HardSentences.Format(ReportTagExtractor.Extract(text)));

    [Fact]
    public void CatalogueIsLargeAndCoversEveryOrganAndTag()
    {
        Assert.True(HardSentences.All.Count >= 60, $"{HardSentences.All.Count} sentences");
        var pairs = HardSentences.All.Where(c => c.Expected != "-").SelectMany(c => c.Expected.Split(", ")).ToHashSet(StringComparer.Ordinal);
        var organs = pairs.Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(OrganCatalog.All.Select(o => o.Id).Order(StringComparer.Ordinal), organs.Order(StringComparer.Ordinal));
        foreach (var tag in new[] { "present", "abnormal", "absent" }) Assert.Contains(pairs, p => p.EndsWith("=" + tag, StringComparison.Ordinal));
        Assert.Contains(HardSentences.All, c => c.Expected == "-");
        Assert.Equal(HardSentences.All.Count, HardSentences.All.Select(c => c.Text).Distinct(StringComparer.Ordinal).Count());
    }
}
