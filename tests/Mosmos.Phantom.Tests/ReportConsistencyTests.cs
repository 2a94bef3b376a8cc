using System.Globalization;
using Mosmos.Datasets;
using Mosmos.Phantom.Reports;

namespace Mosmos.Phantom.Tests;

/// <summary>
/// The report agrees with the phantom: every tag it states is the organ's true tag; removed and abnormal organs
/// are always reported; quoted sizes are the mask's; the text never leaks catalog ids.
/// </summary>
public sealed class ReportConsistencyTests
{
    public static TheoryData<ulong> Seeds => [.. Enumerable.Range(100, 40).Select(i => (ulong)i)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StatedTagsMatchTheTruth(ulong seed)
    {
        var s = PhantomGenerator.Generate(seed, TestStudies.Tiny);
        foreach (var (organ, tag) in s.Report.StatedTags)
            Assert.True(s.Truth[organ].Tag == tag, $"seed {seed}: report says {organ} {tag}, truth {s.Truth[organ].Tag}\n{s.Report.Text}");
        foreach (var (organ, truth) in s.Truth)
        {
            var mustMention = truth.Tag == OrganTag.Abnormal || truth.Findings.Any(f => f.Kind == FindingKind.Removed);
            if (mustMention) Assert.True(s.Report.StatedTags.ContainsKey(organ), $"seed {seed}: {organ} ({truth.Tag}) not reported\n{s.Report.Text}");
        }
        Assert.DoesNotContain("_", s.Report.Text, StringComparison.Ordinal);
        Assert.Contains("IMPRESSION:", s.Report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedSpleenLengthIsTheMeasuredOne()
    {
        int quoted = 0;
        for (ulong seed = 200; seed < 260; seed++)
        {
            var s = PhantomGenerator.Generate(seed, TestStudies.Tiny);
            if (!s.Measurements.TryGetValue("spleen", out var spleen)) continue;
            var cm = spleen.LengthCm.ToString("0.0", CultureInfo.InvariantCulture) + " cm";
            if (s.Report.Findings.Contains("spleen", StringComparison.OrdinalIgnoreCase) && s.Report.Findings.Contains(cm, StringComparison.Ordinal)) quoted++;
            if (s.Truth["spleen"].Tag == OrganTag.Abnormal && s.Truth["spleen"].Findings.Any(f => f.Kind == FindingKind.Enlarged))
                Assert.True(spleen.LengthCm >= ClinicalFindings.SplenomegalyCm);
        }
        Assert.True(quoted > 5, $"only {quoted} reports quote the spleen length");
    }

    [Fact]
    public void GrammarVariesAndUsesTheHardCases()
    {
        var texts = Enumerable.Range(300, 120).Select(i => PhantomGenerator.Generate((ulong)i, TestStudies.Tiny).Report.Text).ToList();
        Assert.True(texts.Distinct().Count() == texts.Count);
        string[] phrases = ["GB", "IVC", "hepatic", "renal", "kidneys are unremarkable", "adrenal", "No splenomegaly", "Status post", "possibl"];
        foreach (var p in phrases)
            Assert.True(texts.Any(t => t.Contains(p, StringComparison.OrdinalIgnoreCase)), $"no report uses '{p}'");
    }
}
