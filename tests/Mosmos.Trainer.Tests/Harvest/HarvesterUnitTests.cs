using System.Net;
using Mosmos.Dicom.Web;
using Mosmos.Trainer.Harvest;
using Mosmos.Trainer.Training;

namespace Mosmos.Trainer.Tests.Harvest;

public sealed class HarvesterUnitTests
{
    [Fact]
    public void TheLabelMapIsTheCatalogsAndTrainable()
    {
        Assert.Equal(16, Harvester.Labels.Count);
        Assert.Equal("background", SegmentationTrainer.ClassNames(Harvester.Labels)[0]);  // 1..K without gaps
        Assert.Equal("ct-1.2.840.1", Harvester.CaseId("1.2.840.1"));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.NotAcceptable, true)]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public void OnlyAnObjectsOwnRefusalSkipsIt(HttpStatusCode status, bool skips) =>
        Assert.Equal(skips, Harvester.IsRefusal(new DicomWebException("x", status)));

    [Fact]
    public void OptionsAreCheckedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new HarvestOptions { Output = " ", SourceName = "s", Limit = 0, SpacingMm = 0 }.Validate());
        Assert.Equal("--out is required; --limit must be at least 1; --spacing must be in (0, 100) mm", e.Message);
    }

    [Fact]
    public void SkipsAreCountedByKindAndReason()
    {
        var s = new HarvestSummary();
        s.Skip("SEG", "1", "not aligned with its series", "a");
        s.Skip("study", "2", "no CT series", "b");
        s.Skip("SEG", "3", "not aligned with its series", "c");
        Assert.Equal([("SEG", "not aligned with its series", 2), ("study", "no CT series", 1)], s.SkipCounts());
    }
}
