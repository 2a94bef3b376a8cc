using Mosmos.InferenceWorker.Pipeline;

namespace Mosmos.InferenceWorker.Tests.Pipeline;

/// <summary>How an attention map becomes FRACTIONAL values: divided by its maximum, cut below the threshold, 0..255.</summary>
public sealed class AttentionQuantisationTests
{
    [Fact]
    public void A_map_is_divided_by_its_maximum_and_cut_below_the_threshold()
    {
        float[] map = [0.1f, 0.05f, 0.4f, 0.5f, 0f];
        SegmentationPipeline.Cut(map, 0.2f);
        Assert.Equal([0.2f, 0f, 0.8f, 1f, 0f], map);
    }

    [Fact]
    public void A_map_with_no_attention_or_with_nan_stays_empty()
    {
        float[] zeros = [0f, 0f];
        SegmentationPipeline.Cut(zeros, 0.2f);
        Assert.Equal([0f, 0f], zeros);
        float[] nan = [float.NaN, float.NaN];
        SegmentationPipeline.Cut(nan, 0.2f);
        Assert.Equal([0f, 0f], nan);
    }

    [Fact]
    public void Values_are_rounded_to_0_255_and_anything_outside_is_clamped()
    {
        float[] values = [0f, 0.001f, 0.003f, 0.5f, 1f, 1.5f, -0.2f, float.NaN];
        var bytes = new byte[values.Length];
        SegmentationPipeline.Quantise(values, bytes);
        Assert.Equal(new byte[] { 0, 0, 1, 128, 255, 255, 0, 0 }, bytes);
    }
}
