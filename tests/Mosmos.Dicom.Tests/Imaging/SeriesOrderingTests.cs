using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

/// <summary>Slices are ordered along the normal, whatever the file order, InstanceNumber or direction of travel.</summary>
public sealed class SeriesOrderingTests
{
    [Fact]
    public void Shuffled_feet_to_head_series_is_ordered_along_the_normal()
    {
        var series = new SyntheticSeries();
        var shuffled = series.Instances().OrderBy(_ => Random.Shared.Next()).ToList();

        var built = SyntheticSeries.Build(shuffled);

        var g = built.Geometry;
        Assert.Equal((7, 5, 9), (g.SizeX, g.SizeY, g.SizeZ));
        Assert.Equal(new Vector3D(0.6, 0.8, 2.5), g.Spacing);
        Assert.Equal(series.Origin, g.Origin);
        Assert.Equal(new Vector3D(0, 0, 1), g.DirectionZ);
        for (int z = 0; z < 9; z++)
        {
            Assert.Equal(SyntheticSeries.InstanceUid(z), built.Slices[z].SopInstanceUid);
            Assert.Equal(series.Instance(z).GetString(DicomTags.ImagePositionPatient), built.Slices[z].ImagePositionPatientText);
            Assert.Equal(1, built.Slices[z].FrameNumber);
            Assert.False(built.Slices[z].IsMultiFrame);
        }
        AssertVoxels(series, built.Volume, z => z);
    }

    [Fact]
    public void Head_to_feet_series_starts_at_its_last_generated_slice()
    {
        var series = new SyntheticSeries { Step = new Vector3D(0, 0, -2.5) };

        var built = SyntheticSeries.Build(series.Instances());

        Assert.Equal(series.Position(8), built.Geometry.Origin);
        Assert.Equal(2.5, built.Geometry.Spacing.Z, 9);
        Assert.Equal(new Vector3D(0, 0, 1), built.Geometry.DirectionZ);
        Assert.Equal(SyntheticSeries.InstanceUid(8), built.Slices[0].SopInstanceUid);
        AssertVoxels(series, built.Volume, z => 8 - z);
    }

    [Fact]
    public void Oblique_series_maps_every_voxel_to_its_patient_position()
    {
        var row = new Vector3D(Math.Cos(0.4), Math.Sin(0.4), 0);
        var column = new Vector3D(-Math.Sin(0.4) * Math.Cos(0.9), Math.Cos(0.4) * Math.Cos(0.9), -Math.Sin(0.9));
        var series = new SyntheticSeries { RowDirection = row, ColumnDirection = column, Origin = new Vector3D(33.3, -71.25, 5) };

        var built = SyntheticSeries.Build(series.Instances().AsEnumerable().Reverse());

        var g = built.Geometry;
        for (int z = 0; z < 9; z++)
        {
            for (int y = 0; y < 5; y += 4)
            {
                for (int x = 0; x < 7; x += 6)
                {
                    // PS3.3 C.7.6.2.1.1: column index steps PixelSpacing[1] along the row direction.
                    var expected = series.Position(z) + row * (x * series.ColumnSpacing) + column * (y * series.RowSpacing);
                    Assert.True(Vector3D.MaxAbsDifference(expected, g.IndexToWorld(x, y, z)) < 1e-6);
                    Assert.True(Vector3D.MaxAbsDifference(new Vector3D(x, y, z), g.WorldToIndex(expected)) < 1e-6);
                }
            }
        }
        AssertVoxels(series, built.Volume, z => z);
    }

    [Fact]
    public void Localizers_and_other_series_are_dropped_and_reported()
    {
        var series = new SyntheticSeries();
        var instances = series.Instances();
        var scout = series.Instance(3)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.10.999.4.1")
            .SetString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "LOCALIZER")
            .SetDecimals(DicomTags.ImageOrientationPatient, 0, 1, 0, 0, 0, -1);
        var other = series.Instance(4)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.10.999.4.2")
            .SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.10.999.5");
        instances.Insert(2, scout);
        instances.Add(other);

        var built = SyntheticSeries.Build(instances);

        Assert.Equal(9, built.Geometry.SizeZ);
        Assert.Contains(built.Layout.Dropped, d => d.SopInstanceUid == "1.2.826.0.1.3680043.10.999.4.1" && d.Reason.Contains("localizer", StringComparison.Ordinal));
        Assert.Contains(built.Layout.Dropped, d => d.SopInstanceUid == "1.2.826.0.1.3680043.10.999.4.2" && d.Reason.Contains("series", StringComparison.Ordinal));
        Assert.Equal(SyntheticSeries.SeriesUid, built.Layout.SeriesInstanceUid);
        Assert.Equal(SyntheticSeries.FrameOfReferenceUid, built.Layout.FrameOfReferenceUid);
    }

    [Fact]
    public void Duplicate_position_keeps_the_highest_instance_number_or_rejects_by_option()
    {
        var series = new SyntheticSeries();
        var instances = series.Instances();
        var copy = series.Instance(3)
            .SetString(DicomTags.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.10.999.6.1")
            .SetIntegerStrings(DicomTags.InstanceNumber, 5000);
        instances.Add(copy);

        var built = SyntheticSeries.Build(instances);

        Assert.Equal(9, built.Geometry.SizeZ);
        Assert.Equal("1.2.826.0.1.3680043.10.999.6.1", built.Slices[3].SopInstanceUid);
        var dropped = Assert.Single(built.Layout.Dropped);
        Assert.Equal(SyntheticSeries.InstanceUid(3), dropped.SopInstanceUid);

        var e = Assert.Throws<SeriesRejectedException>(() =>
            SyntheticSeries.Build(instances, new SeriesVolumeOptions { Duplicates = DuplicatePolicy.Reject }));
        Assert.Equal(SeriesRejection.IrregularSpacing, e.Reason);
        Assert.Contains("share the position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_gantry_tilt_builds_a_sheared_grid_through_every_slice_position()
    {
        var series = new SyntheticSeries { Step = new Vector3D(0, 2.5 * Math.Tan(15 * Math.PI / 180), 2.5) };

        var built = SyntheticSeries.Build(series.Instances(), new SeriesVolumeOptions { AllowGantryTilt = true });

        Assert.Equal(15, built.Layout.TiltDegrees, 6);
        Assert.False(built.Geometry.IsOrthogonal);
        for (int z = 0; z < 9; z++)
            Assert.True(Vector3D.MaxAbsDifference(series.Position(z), built.Geometry.IndexToWorld(0, 0, z)) < 1e-6);
    }

    internal static void AssertVoxels(SyntheticSeries series, Volume<float> volume, Func<int, int> generatedSlice)
    {
        for (int z = 0; z < volume.Geometry.SizeZ; z++)
        {
            for (int y = 0; y < series.Rows; y++)
            {
                for (int x = 0; x < series.Columns; x++)
                {
                    float expected = (float)(series.Value(x, y, generatedSlice(z)) * series.Slope + series.Intercept);
                    Assert.Equal(expected, volume[x, y, z]);
                }
            }
        }
    }
}
