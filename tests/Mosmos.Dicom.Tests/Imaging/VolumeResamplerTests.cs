using Mosmos.Dicom.Imaging;

namespace Mosmos.Dicom.Tests.Imaging;

public sealed class VolumeResamplerTests
{
    private static readonly ImageGeometry Grid = new(21, 19, 17, new Vector3D(0.7, 0.9, 2.5), new Vector3D(-5, 12, 40),
        new Vector3D(1, 0, 0), new Vector3D(0, 0, -1), new Vector3D(0, 1, 0));

    [Fact]
    public void Unchanged_spacing_is_an_exact_copy_for_labels_and_images()
    {
        var labels = Sphere(Grid);
        var image = Ramp(Grid);

        Assert.Equal(labels.Data, VolumeResampler.Nearest(labels, Grid.Spacing).Data);
        Assert.Equal(image.Data.Select(v => (float)v), VolumeResampler.Linear(image, Grid.Spacing).Data);
    }

    [Fact]
    public void Labels_survive_a_round_trip_through_an_integer_refinement_exactly()
    {
        var labels = Sphere(Grid);

        var fine = VolumeResampler.Nearest(labels, new Vector3D(0.35, 0.45, 1.25));
        var back = VolumeResampler.Nearest(fine, Grid);

        Assert.Equal((42, 38, 34), (fine.Geometry.SizeX, fine.Geometry.SizeY, fine.Geometry.SizeZ));
        Assert.True(back.Geometry.IsSameGrid(Grid, 0));
        Assert.Equal(labels.Data, back.Data);
    }

    [Fact]
    public void Labels_round_trip_through_a_model_spacing_within_boundary_error()
    {
        var labels = Sphere(Grid);

        var model = VolumeResampler.Nearest(labels, new Vector3D(1.1, 1.1, 1.1));
        var back = VolumeResampler.Nearest(model, Grid);

        // Nearest neighbour twice moves a boundary by at most half a model voxel: only boundary voxels may change.
        int inside = labels.Data.Count(v => v != 0);
        int changed = labels.Data.Zip(back.Data).Count(p => p.First != p.Second);
        Assert.True(changed < 0.15 * inside, $"{changed} of {inside} label voxels changed");
        Assert.Equal(labels.Data[(int)Grid.Offset(10, 9, 8)], back.Data[(int)Grid.Offset(10, 9, 8)]);
    }

    [Fact]
    public void Trilinear_reproduces_a_linear_function_of_patient_position()
    {
        var image = Ramp(Grid);
        var target = Grid.WithSpacing(new Vector3D(1.3, 0.5, 1.7));

        var resampled = VolumeResampler.Linear(image, target);

        AssertRamp(resampled, Grid);
    }

    [Fact]
    public void Reoriented_target_takes_the_general_path_and_agrees()
    {
        var image = Ramp(Grid);
        var labels = Sphere(Grid);
        // Axial LPS grid over the same region: x ← x, y ← −z of the source plane, z ← y.
        var target = new ImageGeometry(15, 30, 18, new Vector3D(1, 1.2, 0.8), Grid.IndexToWorld(0, 0, 0) + new Vector3D(0.3, 0.2, -17),
            new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));

        var resampled = VolumeResampler.Linear(image, target, outside: float.NaN);
        var relabelled = VolumeResampler.Nearest(labels, target, outside: (byte)255);

        AssertRamp(resampled, Grid);
        Assert.Contains((byte)1, relabelled.Data);
        Assert.Contains((byte)255, relabelled.Data);
        var centre = Grid.IndexToWorld(10, 9, 8);
        var index = target.WorldToIndex(centre);
        Assert.Equal(2, relabelled[(int)Math.Round(index.X), (int)Math.Round(index.Y), (int)Math.Round(index.Z)]);
    }

    [Fact]
    public void Targets_outside_the_source_get_the_outside_value()
    {
        var shifted = new ImageGeometry(5, 5, 5, Grid.Spacing, Grid.Origin + new Vector3D(-1000, 0, 0), Grid.DirectionX, Grid.DirectionY, Grid.DirectionZ);

        Assert.All(VolumeResampler.Linear(Ramp(Grid), shifted, outside: -1024).Data, v => Assert.Equal(-1024f, v));
        Assert.All(VolumeResampler.Nearest(Sphere(Grid), shifted).Data, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Oversized_targets_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VolumeResampler.Nearest(Sphere(Grid), new Vector3D(0.01, 0.01, 0.01), maxVoxels: 1_000_000));
    }

    /// <summary>Label 1 inside a 6 mm ball around voxel (10, 9, 8), 2 in a 3 mm core; odd sizes on purpose.</summary>
    private static Volume<byte> Sphere(ImageGeometry g)
    {
        var v = new Volume<byte>(g);
        var centre = g.IndexToWorld(10, 9, 8);
        for (int z = 0; z < g.SizeZ; z++)
            for (int y = 0; y < g.SizeY; y++)
                for (int x = 0; x < g.SizeX; x++)
                {
                    double r = (g.IndexToWorld(x, y, z) - centre).Length;
                    v[x, y, z] = r <= 3 ? (byte)2 : r <= 6 ? (byte)1 : (byte)0;
                }
        return v;
    }

    private static float RampValue(Vector3D p) => (float)(3 * p.X - 2 * p.Y + 0.5 * p.Z + 100);

    private static Volume<short> Ramp(ImageGeometry g)
    {
        var v = new Volume<short>(g);
        for (int z = 0; z < g.SizeZ; z++)
            for (int y = 0; y < g.SizeY; y++)
                for (int x = 0; x < g.SizeX; x++)
                    v[x, y, z] = (short)Math.Round(RampValue(g.IndexToWorld(x, y, z)) * 8);
        return v;
    }

    /// <summary>Every target voxel whose position lies inside the source hull carries the ramp (the source holds 8× it, rounded).</summary>
    private static void AssertRamp(Volume<float> resampled, ImageGeometry source)
    {
        var g = resampled.Geometry;
        int checkedVoxels = 0;
        for (int z = 0; z < g.SizeZ; z++)
            for (int y = 0; y < g.SizeY; y++)
                for (int x = 0; x < g.SizeX; x++)
                {
                    var p = g.IndexToWorld(x, y, z);
                    var u = source.WorldToIndex(p);
                    if (u.X < 0 || u.Y < 0 || u.Z < 0 || u.X > source.SizeX - 1 || u.Y > source.SizeY - 1 || u.Z > source.SizeZ - 1) continue;
                    Assert.Equal(RampValue(p) * 8, resampled[x, y, z], 0.6);
                    checkedVoxels++;
                }
        Assert.True(checkedVoxels > g.VoxelCount / 4, $"only {checkedVoxels} voxels inside the source");
    }
}
