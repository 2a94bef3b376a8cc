using Mosmos.Dicom;

namespace Mosmos.Viewer.Tests;

/// <summary>The judge and the colour conversion of the viewer test, on known values (no viewer needed).</summary>
public sealed class BlendCheckTests
{
    private static readonly Rgb Liver = new(221, 130, 101);

    [Fact]
    public void Every_catalog_colour_survives_the_trip_through_cielab()
    {
        foreach (var organ in OrganCatalog.All)
        {
            var back = DisplayColour.FromCieLab(organ.CieLabColor);
            Assert.True(back.MaxDifference(new Rgb(organ.Rgb.R, organ.Rgb.G, organ.Rgb.B)) <= 1, $"{organ.Id}: {back}");
        }
    }

    [Theory]
    [InlineData(0.5, 141)]
    [InlineData(0.3, 60)]
    [InlineData(1.0, 200)]
    public void A_translucent_fill_of_the_colour_over_grey_shows_it(double opacity, int grey)
    {
        var hidden = new Rgb(grey, grey, grey);
        var shown = new Rgb(Blend(grey, Liver.R, opacity), Blend(grey, Liver.G, opacity), Blend(grey, Liver.B, opacity));
        var verdict = BlendCheck.Check(shown, hidden, Liver);
        Assert.True(verdict.Shows, verdict.Reason);
        Assert.Equal(opacity, verdict.Opacity, 0.03);
    }

    [Fact]
    public void Unchanged_grey_does_not_show_the_colour()
    {
        var grey = new Rgb(141, 141, 141);
        Assert.False(BlendCheck.Check(grey, grey, Liver).Shows);
    }

    [Fact]
    public void Another_segment_colour_does_not_show_this_one()
    {
        // the spleen's colour blended over the grey, judged against the liver's
        var hidden = new Rgb(141, 141, 141);
        var shown = new Rgb(Blend(141, 157, 0.5), Blend(141, 108, 0.5), Blend(141, 162, 0.5));
        var verdict = BlendCheck.Check(shown, hidden, Liver);
        Assert.False(verdict.Shows, verdict.Reason);
    }

    [Fact]
    public void A_colour_too_close_to_the_grey_underneath_is_inconclusive_and_fails()
    {
        var hidden = new Rgb(230, 230, 230);
        Assert.False(BlendCheck.Check(new Rgb(240, 240, 235), hidden, new Rgb(255, 253, 229)).Shows);
    }

    private static int Blend(int under, int colour, double opacity) => (int)Math.Round(under + opacity * (colour - under));
}
