using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>Image Pixel module (PS3.3 C.7.6.3) and Modality LUT rescale (C.11.1) on synthetic frames.</summary>
public sealed class PixelDecodingTests
{
    [Fact]
    public void Unsigned_16_bit_with_rescale_gives_hounsfield_units()
    {
        var series = new SyntheticSeries { Slope = 2, Intercept = -1024 };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(-1024f, built.Volume[0, 0, 0]);
        SeriesOrderingTests.AssertVoxels(series, built.Volume, z => z);
    }

    [Fact]
    public void Signed_16_bit_keeps_negative_values()
    {
        var series = new SyntheticSeries { Signed = true, Value = (x, y, z) => -30000 + 7000 * z - 10 * y - x };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(-30000f, built.Volume[0, 0, 0]);
        Assert.Equal(26000f - 46, built.Volume[6, 4, 8]);
        SeriesOrderingTests.AssertVoxels(series, built.Volume, z => z);
    }

    [Fact]
    public void Bits_stored_12_ignores_garbage_in_the_high_bits()
    {
        var series = new SyntheticSeries { BitsStored = 12, HighGarbage = 0xF000, Intercept = -1024 };

        SeriesOrderingTests.AssertVoxels(series, SyntheticSeries.Build(series.Instances()).Volume, z => z);
    }

    [Fact]
    public void Signed_bits_stored_12_is_sign_extended_despite_garbage()
    {
        var series = new SyntheticSeries { BitsStored = 12, Signed = true, HighGarbage = 0xA000, Value = (x, y, z) => -2048 + 500 * z + 10 * y + x };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(-2048f, built.Volume[0, 0, 0]);
        SeriesOrderingTests.AssertVoxels(series, built.Volume, z => z);
    }

    [Fact]
    public void High_bit_above_bits_stored_minus_one_shifts_the_value_down()
    {
        // PS3.5 §8.1.1: the stored bits end at HighBit; here bits 2..13 hold the value.
        var series = new SyntheticSeries { BitsStored = 12, HighBit = 13, HighGarbage = 0x8003 };

        SeriesOrderingTests.AssertVoxels(series, SyntheticSeries.Build(series.Instances()).Volume, z => z);
    }

    [Fact]
    public void Monochrome1_is_inverted_within_bits_stored_before_rescale()
    {
        var series = new SyntheticSeries { BitsStored = 12, Photometric = "MONOCHROME1", Intercept = -1000 };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(4095f - 0 - 1000, built.Volume[0, 0, 0]);
        Assert.Equal(4095f - 846 - 1000, built.Volume[6, 4, 8]);
        var kept = SyntheticSeries.Build(series.Instances(), new SeriesVolumeOptions { InvertMonochrome1 = false });
        Assert.Equal(-1000f, kept.Volume[0, 0, 0]);
    }

    [Fact]
    public void Signed_monochrome1_mirrors_the_signed_range()
    {
        var series = new SyntheticSeries { Signed = true, Photometric = "MONOCHROME1", Value = (x, y, z) => -5 + x };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(4f, built.Volume[0, 0, 0]);
        Assert.Equal(-2f, built.Volume[6, 0, 0]);
    }

    [Fact]
    public void Eight_bit_mr_decodes()
    {
        var series = new SyntheticSeries { Modality = "MR", BitsAllocated = 8, BitsStored = 8, Value = (x, y, z) => 20 * z + 3 * y + x };

        SeriesOrderingTests.AssertVoxels(series, SyntheticSeries.Build(series.Instances()).Volume, z => z);
    }

    [Fact]
    public void Short_volumes_round_half_away_from_zero_and_saturate()
    {
        var halves = new SyntheticSeries { Slope = 0.5, Intercept = -1024, Value = (x, y, z) => 2 * x + 1 };
        var large = new SyntheticSeries { Value = (x, y, z) => 40000 };

        var rounded = new SeriesVolumeBuilder().Build<short>(halves.Instances(), s => s.Instance.GetBytes(DicomTags.PixelData));
        var saturated = new SeriesVolumeBuilder().Build<short>(large.Instances(), s => s.Instance.GetBytes(DicomTags.PixelData));

        Assert.Equal((short)-1024, rounded.Volume[0, 0, 0]); // 1 · 0.5 − 1024 = −1023.5
        Assert.Equal((short)-1023, rounded.Volume[1, 0, 0]); // 3 · 0.5 − 1024 = −1022.5
        Assert.Equal(short.MaxValue, saturated.Volume[3, 3, 3]);
    }
}
