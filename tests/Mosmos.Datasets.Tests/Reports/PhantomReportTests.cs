using Mosmos.Datasets.Reports;
using Mosmos.Phantom;
using Mosmos.Phantom.Acquisition;
using Xunit.Abstractions;

namespace Mosmos.Datasets.Tests.Reports;

/// <summary>
/// Precision and recall of <see cref="ReportTagExtractor"/> on 300 phantom reports against the tags each report
/// states (the phantom's per-sentence record, `reportTags` in study.json, `tags` in the dataset), and agreement of
/// every extracted tag with the phantom's truth (`trueTags`). The numbers are in datasets/Reports/README.md.
/// </summary>
public sealed class PhantomReportTests(ITestOutputHelper output)
{
    private const int Seeds = 300;

    /// <summary>A coarse grid: the report depends on the organ masks, not on the image resolution.</summary>
    private static readonly PhantomSize Grid = new(64, 32);

    [Fact]
    public void PrecisionAndRecallOnPhantomReports()
    {
        var studies = new (IReadOnlyDictionary<string, OrganTag> Stated, IReadOnlyDictionary<string, OrganTag> Truth, string Text)[Seeds];
        Parallel.For(0, Seeds, i =>
        {
            var s = PhantomGenerator.Generate((ulong)(i + 1), Grid);
            studies[i] = (s.Report.StatedTags, s.TrueTags, s.Report.Text);
        });
        var perTag = Enum.GetValues<OrganTag>().ToDictionary(t => t, _ => new int[3]);   // true positives, false positives, false negatives
        int agreeWithTruth = 0, extracted = 0;
        foreach (var (stated, truth, text) in studies)
        {
            var got = ReportTagExtractor.Extract(text);
            foreach (var (organ, tag) in got)
            {
                extracted++;
                if (truth[organ] == tag) agreeWithTruth++;
                if (stated.TryGetValue(organ, out var want) && want == tag) perTag[tag][0]++;
                else perTag[tag][1]++;
            }
            foreach (var (organ, tag) in stated)
            {
                if (!got.TryGetValue(organ, out var have) || have != tag) perTag[tag][2]++;
            }
        }
        var tp = perTag.Values.Sum(v => v[0]);
        var fp = perTag.Values.Sum(v => v[1]);
        var fn = perTag.Values.Sum(v => v[2]);
        var precision = (double)tp / (tp + fp);
        var recall = (double)tp / (tp + fn);
        output.WriteLine($"{Seeds} reports: precision {precision:F4}, recall {recall:F4} ({tp} correct, {fp} wrong or unstated, {fn} missed); "
            + $"{agreeWithTruth}/{extracted} extracted tags equal the truth");
        foreach (var (tag, v) in perTag)
            output.WriteLine($"  {tag}: precision {(double)v[0] / Math.Max(1, v[0] + v[1]):F4}, recall {(double)v[0] / Math.Max(1, v[0] + v[2]):F4} (n = {v[0] + v[2]})");
        Assert.True(tp > Seeds * 8, $"only {tp} tags recovered from {Seeds} reports");
        Assert.True(perTag.Values.All(v => v[0] + v[2] > 20), "every tag kind must occur in the sample");
        Assert.True(precision >= 0.99, $"precision {precision:F4} < 0.99");
        Assert.True(recall >= 0.99, $"recall {recall:F4} < 0.99");
        Assert.True(agreeWithTruth >= 0.99 * extracted, $"{agreeWithTruth}/{extracted} agree with the truth");
    }
}
