using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

public sealed class ImageGeometryTests
{
    private static readonly Vector3D Row = new(1, 0, 0);
    private static readonly Vector3D Column = new(0, 1, 0);
    private static readonly Vector3D Normal = new(0, 0, 1);

    [Fact]
    public void Affine_places_voxels_with_column_spacing_along_x_and_row_spacing_along_y()
    {
        // PixelSpacing 0.8\0.6: 0.8 mm between rows (y), 0.6 mm between columns (x).
        var g = new ImageGeometry(7, 5, 9, new Vector3D(0.6, 0.8, 2.5), new Vector3D(-10, -20, 30), Row, Column, Normal);

        Assert.Equal(new Vector3D(-10 + 6 * 0.6, -20 + 4 * 0.8, 30 + 8 * 2.5), g.IndexToWorld(6, 4, 8));
        Assert.Equal(
            [0.6, 0, 0, -10, 0, 0.8, 0, -20, 0, 0, 2.5, 30, 0, 0, 0, 1],
            g.IndexToPatient.ToMatrix4x4());
        Assert.True(g.IsOrthogonal);
        Assert.Equal(315, g.VoxelCount);
    }

    [Fact]
    public void World_to_index_inverts_index_to_world_on_an_oblique_sheared_grid()
    {
        var row = new Vector3D(Math.Cos(0.5), Math.Sin(0.5), 0);
        var column = new Vector3D(-Math.Sin(0.5) * Math.Cos(0.3), Math.Cos(0.5) * Math.Cos(0.3), Math.Sin(0.3));
        var tilted = (Vector3D.Cross(row, column) + column * 0.27).Normalize();
        var g = new ImageGeometry(7, 5, 9, new Vector3D(0.6, 0.8, 2.5), new Vector3D(12.5, -3, 101), row, column, tilted);

        Assert.False(g.IsOrthogonal);
        foreach (var index in new[] { new Vector3D(0, 0, 0), new Vector3D(6, 4, 8), new Vector3D(2.25, -1.5, 7.75) })
        {
            var back = g.WorldToIndex(g.IndexToWorld(index));
            Assert.True(Vector3D.MaxAbsDifference(index, back) < 1e-9, $"{index} came back as {back}");
        }
        var product = g.PatientToIndex.Transform(g.IndexToPatient.Transform(new Vector3D(3, 2, 1)));
        Assert.True(Vector3D.MaxAbsDifference(new Vector3D(3, 2, 1), product) < 1e-9);
    }

    [Fact]
    public void With_spacing_keeps_origin_and_directions_and_covers_the_field_of_view()
    {
        var g = new ImageGeometry(7, 5, 9, new Vector3D(0.6, 0.8, 2.5), new Vector3D(1, 2, 3), Row, Column, Normal);

        var resampled = g.WithSpacing(new Vector3D(1.2, 0.4, 1));

        Assert.Equal((4, 10, 23), (resampled.SizeX, resampled.SizeY, resampled.SizeZ));
        Assert.Equal(g.Origin, resampled.Origin);
        Assert.True(resampled.HasSameDirections(g));
    }

    [Fact]
    public void Aligned_to_patient_equals_with_spacing_for_a_grid_already_on_the_patient_axes()
    {
        var g = new ImageGeometry(7, 5, 9, new Vector3D(0.6, 0.8, 2.5), new Vector3D(1, 2, 3), Row, Column, Normal);

        Assert.Equal(g.WithSpacing(new Vector3D(1.2, 0.4, 1)), g.AlignedToPatient(new Vector3D(1.2, 0.4, 1)));
    }

    [Fact]
    public void Aligned_to_patient_turns_a_feet_first_prone_reversed_grid_onto_L_P_S_over_the_same_field_of_view()
    {
        // Feet-first prone, slices stored head to feet: x runs to the patient's right, y anterior, z inferior.
        var g = new ImageGeometry(7, 5, 9, new Vector3D(0.6, 0.8, 2.5), new Vector3D(10, 20, 30), -Row, -Column, -Normal);

        var aligned = g.AlignedToPatient(new Vector3D(0.6, 0.8, 2.5));

        Assert.Equal((7, 5, 9), (aligned.SizeX, aligned.SizeY, aligned.SizeZ));
        Assert.Equal((Row, Column, Normal), (aligned.DirectionX, aligned.DirectionY, aligned.DirectionZ));
        Assert.True(Vector3D.MaxAbsDifference(g.IndexToWorld(6, 4, 8), aligned.Origin) < 1e-9);
        Assert.True(Vector3D.MaxAbsDifference(g.Origin, aligned.IndexToWorld(6, 4, 8)) < 1e-9);
    }

    [Fact]
    public void Aligned_to_patient_turns_a_sagittal_grid_and_keeps_its_extent()
    {
        // Sagittal: columns run posterior (y), rows run inferior (−z), slices towards the patient's left (x).
        var g = new ImageGeometry(6, 10, 4, new Vector3D(1, 2, 3), default, Column, -Normal, Row);

        var aligned = g.AlignedToPatient(new Vector3D(1.5, 1.5, 1.5));

        Assert.Equal((8, 4, 13), (aligned.SizeX, aligned.SizeY, aligned.SizeZ)); // 12 mm, 6 mm, 20 mm
        Assert.Equal(new Vector3D(0, 0, -18), aligned.Origin);
    }

    [Fact]
    public void Invalid_grids_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGeometry(0, 5, 9, new Vector3D(1, 1, 1), default, Row, Column, Normal));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGeometry(7, 5, 9, new Vector3D(1, -1, 1), default, Row, Column, Normal));
        Assert.Throws<ArgumentException>(() => new ImageGeometry(7, 5, 9, new Vector3D(1, 1, 1), default, Row, Column, new Vector3D(0, 0, 2)));
        Assert.Throws<ArgumentException>(() => new ImageGeometry(7, 5, 9, new Vector3D(1, 1, 1), default, Row, Column, Row));
    }

    [Fact]
    public void Volumes_over_the_voxel_limit_are_refused()
    {
        var g = new ImageGeometry(100, 100, 100, new Vector3D(1, 1, 1), default, Row, Column, Normal);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Volume<float>(g, maxVoxels: 999_999));
        Assert.Contains("1000000 voxels", e.Message, StringComparison.Ordinal);
    }
}
