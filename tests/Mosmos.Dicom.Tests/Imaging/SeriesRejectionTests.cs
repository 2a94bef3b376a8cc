using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>Every refusal carries the reason code the worker reports and a message naming the problem.</summary>
public sealed class SeriesRejectionTests
{
    [Fact]
    public void Missing_slice_is_irregular_spacing_naming_the_gap()
    {
        var instances = new SyntheticSeries().Instances();
        instances.RemoveAt(4);

        var e = Reject(SeriesRejection.IrregularSpacing, instances);

        Assert.Contains("is 5 mm", e.Message, StringComparison.Ordinal);
        Assert.Contains("typical gap is 2.5 mm", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 slice(s) seem to be missing", e.Message, StringComparison.Ordinal);
        Assert.Contains(SyntheticSeries.InstanceUid(3), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spacing_tolerance_is_configurable()
    {
        var series = new SyntheticSeries();
        var instances = series.Instances();
        var p = series.Position(5) + new Vector3D(0, 0, 0.05);
        instances[5].SetDecimals(DicomTags.ImagePositionPatient, p.X, p.Y, p.Z);

        Reject(SeriesRejection.IrregularSpacing, instances);
        var built = SyntheticSeries.Build(instances, new SeriesVolumeOptions { SpacingTolerance = 0.03 });

        Assert.Equal(0.02, built.Layout.MaxSpacingDeviation, 6);
    }

    [Fact]
    public void Gantry_tilt_is_rejected_with_its_angle()
    {
        var series = new SyntheticSeries { Step = new Vector3D(0, 2.5 * Math.Tan(15 * Math.PI / 180), 2.5) };

        var e = Reject(SeriesRejection.GantryTilt, series.Instances());

        Assert.Contains("is 15°", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_orientation_is_rejected()
    {
        var instances = new SyntheticSeries().Instances();
        instances[6].SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 0.9998, 0.02);

        var e = Reject(SeriesRejection.MixedOrientation, instances);

        Assert.Contains(@"8 of 9 slices have orientation 1\0\0\0\1\0", e.Message, StringComparison.Ordinal);
        Assert.Contains(@"has 1\0\0\0\0.9998\0.02", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_matrix_sizes_are_rejected_as_mixed_planes()
    {
        var instances = new SyntheticSeries().Instances();
        instances[2] = new SyntheticSeries { Columns = 9 }.Instance(2);

        var e = Reject(SeriesRejection.MixedOrientation, instances);

        Assert.Contains("7×5", e.Message, StringComparison.Ordinal);
        Assert.Contains("9×5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_modality_is_rejected()
    {
        var e = Reject(SeriesRejection.UnsupportedModality, new SyntheticSeries { Modality = "CR" }.Instances());

        Assert.Contains("'CR'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_slices_is_rejected()
    {
        Reject(SeriesRejection.TooFewSlices, new SyntheticSeries { Slices = 2 }.Instances());
        Reject(SeriesRejection.TooFewSlices, []);
        var built = SyntheticSeries.Build(new SyntheticSeries { Slices = 2 }.Instances(), new SeriesVolumeOptions { MinSlices = 2 });
        Assert.Equal(2, built.Geometry.SizeZ);
    }

    [Fact]
    public void Missing_geometry_or_pixel_data_is_undecodable()
    {
        var instances = new SyntheticSeries().Instances();
        instances[1].Remove(DicomTags.ImagePositionPatient);
        Assert.Contains("ImagePositionPatient", Reject(SeriesRejection.Undecodable, instances).Message, StringComparison.Ordinal);

        instances = new SyntheticSeries().Instances();
        instances[7].Remove(DicomTags.PixelData);
        Assert.Contains("no pixel data", Reject(SeriesRejection.Undecodable, instances).Message, StringComparison.Ordinal);

        instances = new SyntheticSeries().Instances();
        instances[7].SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[10]);
        Assert.Contains("70 expected", Reject(SeriesRejection.Undecodable, instances).Message, StringComparison.Ordinal);

        Assert.Contains("BitsAllocated 32", Reject(SeriesRejection.Undecodable,
            new SyntheticSeries().Instances().Select(i => i.SetUInt16(DicomTags.BitsAllocated, 32))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volume_over_the_voxel_limit_is_refused_before_allocation()
    {
        var e = Assert.Throws<SeriesRejectedException>(() =>
            new SeriesVolumeBuilder(new SeriesVolumeOptions { MaxVoxels = 300 }).Plan(new SyntheticSeries().Instances()));

        Assert.Equal(SeriesRejection.Undecodable, e.Reason);
        Assert.Contains("315 voxels", e.Message, StringComparison.Ordinal);
    }

    private static SeriesRejectedException Reject(SeriesRejection reason, IEnumerable<DicomDataset> instances, SeriesVolumeOptions? options = null)
    {
        var e = Assert.Throws<SeriesRejectedException>(() => SyntheticSeries.Build(instances, options));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(reason + ": " + e.Detail, e.Message);
        return e;
    }
}
