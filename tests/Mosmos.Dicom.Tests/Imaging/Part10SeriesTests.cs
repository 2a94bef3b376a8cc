using Mosmos.Dicom.Imaging;
using Mosmos.Testing;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>Offline input: Part 10 files, synthetic and real (pydicom's reduced GE series, catalogued in <see cref="TestData"/>).</summary>
public sealed class Part10SeriesTests
{
    [Fact]
    public void Synthetic_files_in_any_order_build_the_same_volume_and_release_pixel_data()
    {
        var series = new SyntheticSeries { BitsStored = 12, Intercept = -1024, Columns = 13, Rows = 11 };
        using var folder = new TempDirectory();
        var paths = Write(folder, series.Instances());

        var built = SeriesVolumeBuilder.FromPart10Files(paths.OrderByDescending(p => p, StringComparer.Ordinal));

        SeriesOrderingTests.AssertVoxels(series, built.Volume, z => z);
        Assert.All(built.Slices, s => Assert.False(s.Instance.Contains(DicomTags.PixelData)));
    }

    [Fact]
    public void Compressed_pixel_data_is_undecodable_with_a_way_out()
    {
        var series = new SyntheticSeries();
        using var folder = new TempDirectory();
        var instances = series.Instances();
        var paths = Write(folder, instances.Skip(1));
        var compressed = instances[0];
        compressed.Set(new DicomFragments(DicomTags.PixelData, DicomVR.OB, [],
            [new DicomElement(DicomTag.Item, DicomVR.OB, new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]));
        var path = Path.Combine(folder.Path, "compressed.dcm");
        DicomWriter.Write(path, compressed, TransferSyntax.JpegBaseline);

        var e = Assert.Throws<SeriesRejectedException>(() => SeriesVolumeBuilder.FromPart10Files([.. paths, path]));

        Assert.Equal(SeriesRejection.Undecodable, e.Reason);
        Assert.Contains("compressed pixel data (JPEG Baseline", e.Message, StringComparison.Ordinal);
        Assert.Contains("Explicit VR Little Endian", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_regular_ct_series_matches_pydicom()
    {
        var built = SeriesVolumeBuilder.FromPart10Files(Files("dicomdirtests/98892001/CT5N"));

        var g = built.Geometry;
        Assert.Equal((16, 16, 5), (g.SizeX, g.SizeY, g.SizeZ));
        Assert.Equal(new Vector3D(-72.199997, -143, -1.2375), g.Origin);
        Assert.Equal(0.488281, g.Spacing.X, 9);
        Assert.Equal(2.5, g.Spacing.Z, 6);
        Assert.Equal("1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.16", built.Slices[0].SopInstanceUid);
        // Golden values from pydicom 2.3.1 (pixel_array · slope + intercept, slices sorted by z).
        Assert.Equal(-177320.0, built.Volume.Data.Sum(v => (double)v));
        Assert.Equal(-33f, built.Volume[0, 0, 0]);
        Assert.Equal(-37f, built.Volume[3, 15, 0]);
        Assert.Equal(-770f, built.Volume[11, 7, 4]);
    }

    [Fact]
    public void Real_scouts_of_the_same_study_are_left_out_by_series()
    {
        // CT2N's two LOCALIZER images are their own series: the majority series (CT5N) is taken.
        var built = SeriesVolumeBuilder.FromPart10Files([.. Files("dicomdirtests/98892001/CT2N"), .. Files("dicomdirtests/98892001/CT5N")]);

        Assert.Equal(5, built.Geometry.SizeZ);
        Assert.Equal("1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.6", built.Layout.SeriesInstanceUid);
        Assert.Equal(2, built.Layout.Dropped.Count);
    }

    [Fact]
    public void Real_series_with_a_far_off_slice_is_rejected_with_the_gap()
    {
        var e = Assert.Throws<SeriesRejectedException>(() => SeriesVolumeBuilder.FromPart10Files(Files("dicomdirtests/77654033/CT2")));

        Assert.Equal(SeriesRejection.IrregularSpacing, e.Reason);
        Assert.Contains("is 202.5 mm", e.Message, StringComparison.Ordinal);
        Assert.Contains("typical gap is 1.25 mm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_cr_images_are_an_unsupported_modality()
    {
        var e = Assert.Throws<SeriesRejectedException>(() => SeriesVolumeBuilder.FromPart10Files(Files("dicomdirtests/77654033/CR1")));

        Assert.Equal(SeriesRejection.UnsupportedModality, e.Reason);
    }

    [Fact]
    public void Real_stubs_without_geometry_or_pixels_are_undecodable()
    {
        var stubs = Directory.GetFiles(Path.Combine(TestData.PydicomTestFiles, "dicomdirtests/TINY_ALPHA"), "IM*", SearchOption.AllDirectories);

        var e = Assert.Throws<SeriesRejectedException>(() => SeriesVolumeBuilder.FromPart10Files(stubs));

        Assert.Equal(SeriesRejection.Undecodable, e.Reason);
    }

    private static string[] Files(string folder) => Directory.GetFiles(Path.Combine(TestData.PydicomTestFiles, folder));

    private static List<string> Write(TempDirectory folder, IEnumerable<DicomDataset> instances)
    {
        var paths = new List<string>();
        foreach (var instance in instances)
        {
            var path = Path.Combine(folder.Path, instance.GetString(DicomTags.SopInstanceUid) + ".dcm");
            DicomWriter.Write(path, instance);
            paths.Add(path);
        }
        return paths;
    }
}
