using Mosmos.Adapter.Selection;

namespace Mosmos.Adapter.Tests.Selection;

public sealed class SeriesSelectorTests
{
    private static readonly double[] Axial = [1, 0, 0, 0, 1, 0];
    private static readonly double[] Coronal = [1, 0, 0, 0, 0, -1];

    internal static SeriesCandidate Series(string uid, string modality = "CT", int instances = 100, double? thickness = 2.5,
        double[]? iop = null, string[]? imageType = null, string? description = "Abdomen portal venous", string? manufacturer = "ACME",
        string? bodyPart = "ABDOMEN", string? studyDescription = "CT abdomen") =>
        new("1.2.3", uid, modality, "1.2.840.10008.5.1.4.1.1.2", bodyPart, studyDescription, description, thickness,
            iop ?? Axial, imageType ?? ["ORIGINAL", "PRIMARY", "AXIAL"], null, manufacturer,
            [.. Enumerable.Range(1, instances).Select(i => $"{uid}.{i}")]);

    internal static SelectionOptions Options(SeriesPick pick = SeriesPick.Best)
    {
        var rule = new SelectionRule { Name = "ct-abdomen", Model = "mosmos-abdomen", MinSlices = 20, MinSliceThicknessMm = 0.5, MaxSliceThicknessMm = 5, Pick = pick, SeriesDescriptionExcludePattern = "scout|topogram" };
        rule.Modalities.Add("CT");
        var options = new SelectionOptions { UrgentStudyDescriptionPattern = "trauma" };
        options.Rules.Add(rule);
        return options;
    }

    [Fact]
    public void Localizer_reformat_non_image_and_own_output_series_are_refused_with_reasons()
    {
        var series = new[]
        {
            Series("1.1"),
            Series("1.2", imageType: ["ORIGINAL", "PRIMARY", "LOCALIZER"], instances: 2),
            Series("1.3", imageType: ["DERIVED", "SECONDARY", "REFORMATTED"]),
            Series("1.4", modality: "SEG", instances: 1),
            Series("1.5", modality: "SR", instances: 1, manufacturer: "MOSMOS"),
            Series("1.6", manufacturer: "MOSMOS"),
            Series("1.7", iop: Coronal),
            Series("1.8", description: "Scout"),
        };
        var result = new SeriesSelector(Options()).Select(series);

        Assert.Equal(["1.1"], result.Selected.Select(s => s.Series.SeriesInstanceUid));
        var reasons = result.Decisions.ToDictionary(d => d.Series.SeriesInstanceUid, d => string.Join(";", d.Rejections));
        Assert.Contains("fewer than 20", reasons["1.2"], StringComparison.Ordinal);
        Assert.Contains("DERIVED\\SECONDARY", reasons["1.3"], StringComparison.Ordinal);
        Assert.Contains("not an image series", reasons["1.4"], StringComparison.Ordinal);
        Assert.Contains("not an image series", reasons["1.5"], StringComparison.Ordinal);
        Assert.Contains("own output", reasons["1.6"], StringComparison.Ordinal);
        Assert.Contains("not axial", reasons["1.7"], StringComparison.Ordinal);
        Assert.Contains("excluded", reasons["1.8"], StringComparison.Ordinal);
    }

    [Fact]
    public void Best_pick_prefers_primary_then_thinnest_then_most_slices()
    {
        var series = new[]
        {
            Series("2.1", thickness: 5, instances: 80),
            Series("2.2", thickness: 1, instances: 300),
            Series("2.3", thickness: 1, instances: 400),
            Series("2.4", thickness: 0.6, instances: 500, imageType: ["DERIVED", "PRIMARY", "AXIAL"]),
        };
        var result = new SeriesSelector(Options()).Select(series);

        var chosen = Assert.Single(result.Selected);
        Assert.Equal("2.3", chosen.Series.SeriesInstanceUid);
        Assert.Contains(result.Decisions, d => d.Series.SeriesInstanceUid == "2.2" && d.MatchedRule == "ct-abdomen" && !d.Selected
            && d.Rejections.Any(r => r.Contains("better match", StringComparison.Ordinal)));
    }

    [Fact]
    public void Pick_all_gives_one_job_per_matching_series()
    {
        var result = new SeriesSelector(Options(SeriesPick.All)).Select([Series("3.1"), Series("3.2"), Series("3.3", modality: "MR")]);
        Assert.Equal(["3.1", "3.2"], result.Selected.Select(s => s.Series.SeriesInstanceUid).Order());
    }

    [Fact]
    public void Urgent_study_description_raises_priority()
    {
        var result = new SeriesSelector(Options()).Select([Series("4.1", studyDescription: "CT TRAUMA whole body")]);
        Assert.Equal(9, Assert.Single(result.Selected).Priority);
    }

    [Theory]
    [InlineData(new double[] { 1, 0, 0, 0, 1, 0 }, 1, true)]
    [InlineData(new double[] { 1, 0, 0, 0, 0.9848, -0.1736 }, 11, true)]   // 10° tilt
    [InlineData(new double[] { 1, 0, 0, 0, 0.9848, -0.1736 }, 9, false)]
    [InlineData(new double[] { 0, 1, 0, 0, 0, -1 }, 45, false)]            // sagittal
    [InlineData(new double[] { 1, 0, 0 }, 45, false)]                       // malformed
    public void Axial_check_uses_the_slice_normal(double[] iop, double tolerance, bool axial) =>
        Assert.Equal(axial, SeriesSelector.IsAxial(iop, tolerance));
}
