using Mosmos.InferenceWorker.Model.SlidingWindow;

namespace Mosmos.InferenceWorker.Tests.Model.SlidingWindow;

public sealed class PatchGridTests
{
    [Theory]
    [InlineData(100, 96, 0.25, new[] { 0, 4 })]
    [InlineData(512, 96, 0.25, new[] { 0, 72, 144, 216, 288, 360, 416 })]
    [InlineData(13, 8, 0.5, new[] { 0, 4, 5 })]
    [InlineData(5, 8, 0.5, new[] { 0 })]
    [InlineData(8, 8, 0.5, new[] { 0 })]
    [InlineData(9, 1, 0.9, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void Starts_cover_the_axis_and_end_flush(int length, int patch, double overlap, int[] expected) =>
        Assert.Equal(expected, PatchGrid.Starts(length, patch, overlap));

    [Fact]
    public void Gaussian_weights_peak_in_the_middle_and_stay_positive()
    {
        var weights = GaussianImportance.Axis(96);

        Assert.Equal(1f, weights.Max());
        Assert.Equal(weights[0], weights[95]);
        Assert.True(weights[0] > 0);
        Assert.True(weights[47] > weights[24] && weights[24] > weights[0]);
    }
}
