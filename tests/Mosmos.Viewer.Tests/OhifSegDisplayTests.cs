using System.Globalization;

namespace Mosmos.Viewer.Tests;

/// <summary>
/// Issue 4's real-viewer proof: OHIF loads our SEG over the phantom CT (through Orthanc's DICOMweb), and the screen
/// shows each segment's recommended colour where the ground truth says the organ is, and nothing where no organ is.
/// Judged on screenshot pixels (<see cref="BlendCheck"/>); a SEG with the organs moved must fail the same judgement.
/// </summary>
public sealed class OhifSegDisplayTests(ViewerFixture fixture) : IClassFixture<ViewerFixture>
{
    [Fact]
    public void Ohif_lists_every_segment_of_our_seg_with_its_recommended_colour()
    {
        var shown = fixture.Result("truth").Segments;
        var written = fixture.Truth.Segmentation.Segments;
        Assert.Equal(written.Select(s => (s.Number, s.Label)), shown.Select(s => (s.Index, s.Label)));
        foreach (var segment in written)
        {
            var expected = DisplayColour.FromCieLab(segment.CieLab!);
            var viewer = Rgb.From(shown.Single(s => s.Index == segment.Number).Color);
            Assert.True(viewer.MaxDifference(expected) <= 2, $"{segment.Label}: OHIF draws {viewer}, the SEG's CIELab is {expected}");
            Assert.True(expected.MaxDifference(Rgb.From([segment.Organ!.Rgb.R, segment.Organ.Rgb.G, segment.Organ.Rgb.B])) <= 2,
                $"{segment.Label}: the SEG's CIELab {expected} is not the catalog colour");
        }
    }

    [Fact]
    public void Ground_truth_seg_shows_each_organ_colour_where_the_organ_is_and_none_elsewhere()
    {
        var run = fixture.Result("truth");
        Assert.True(run.SliceDistance < 0.01, $"the viewer showed a slice {run.SliceDistance} mm from the sampled one");
        Assert.Empty(fixture.Run.ProxyFailures);
        var failures = new List<string>();
        foreach (var (point, sample) in Pairs(fixture.Truth, run))
        {
            if (point.Label == 0)
            {
                int change = Rgb.From(sample.Shown).MaxDifference(Rgb.From(sample.Hidden));
                if (change > BlendCheck.MaxBackgroundChange)
                    failures.Add($"background: the segmentation changes it by {change} ({Describe(sample)})");
                continue;
            }
            var verdict = Judge(fixture.Truth, point, sample);
            if (!verdict.Shows) failures.Add($"{point.Name}: {verdict.Reason} ({Describe(sample)})");
        }
        Assert.True(failures.Count == 0, $"screen {ViewerFixture.ArtefactFolder}/ohif-truth.png:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Seg_with_the_organs_moved_fails_the_same_sampling()
    {
        var run = fixture.Result("moved");
        Assert.NotEmpty(run.Segments);  // the viewer did load it: the failure below is about where it draws
        Assert.NotEqual((0, 0), fixture.Moved.Shift);
        foreach (var (point, sample) in Pairs(fixture.Moved, run).Where(p => p.Point.Label != 0))
        {
            var verdict = Judge(fixture.Moved, point, sample);
            Assert.False(verdict.Shows, $"{point.Name} passed although its segment was moved by {fixture.Moved.Shift}: {verdict.Reason}");
        }
    }

    private static BlendVerdict Judge(ViewerStudy study, SamplePoint point, ViewerSample sample)
    {
        var segment = study.Segmentation.Segments.Single(s => s.Organ?.Id == point.Name);
        return BlendCheck.Check(Rgb.From(sample.Shown), Rgb.From(sample.Hidden), DisplayColour.FromCieLab(segment.CieLab!));
    }

    private static IEnumerable<(SamplePoint Point, ViewerSample Sample)> Pairs(ViewerStudy study, ViewerCaseResult run)
    {
        Assert.Equal(study.Points.Select(p => p.Name), run.Samples.Select(s => s.Name));
        return study.Points.Zip(run.Samples);
    }

    private static string Describe(ViewerSample s) =>
        string.Create(CultureInfo.InvariantCulture, $"page ({s.Page[0]:F0}, {s.Page[1]:F0})");
}
