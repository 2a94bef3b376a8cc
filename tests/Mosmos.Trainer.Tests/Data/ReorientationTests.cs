using Mosmos.Datasets;
using Mosmos.Trainer.Data;

namespace Mosmos.Trainer.Tests.Data;

/// <summary>
/// <see cref="Reorientation"/>: every stored orientation comes out on L, P, S with each voxel where its patient
/// position says, and <see cref="Reorientation.Invert{T}"/> undoes it exactly.
/// </summary>
public sealed class ReorientationTests
{
    private static DatasetCase Case(int[] size, double[] spacing, double[] matrix) => new()
    {
        Id = "case",
        ImageFile = "image.raw",
        Size = size,
        SpacingMm = spacing,
        DirectionAndOrigin = matrix,
        Modality = "CT",
        Source = "test",
    };

    private static int[] Numbered(int n) => [.. Enumerable.Range(0, n)];

    [Fact]
    public void Head_first_supine_in_ascending_order_is_the_identity()
    {
        var r = Reorientation.Of(Case([4, 3, 2], [1, 1, 1], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));

        Assert.True(r.IsIdentity);
        Assert.Equal(Numbered(24), r.Apply<int>(Numbered(24)));
    }

    [Fact]
    public void Feet_first_prone_with_slices_head_to_feet_is_flipped_on_every_axis()
    {
        // x to the patient's right, y anterior, z inferior: voxel (i, j, k) lies at (−i, −j, −k).
        var c = Case([4, 3, 2], [0.5, 0.7, 2], [-0.5, 0, 0, 0, 0, -0.7, 0, 0, 0, 0, -2, 0, 0, 0, 0, 1]);
        var r = Reorientation.Of(c);

        var result = r.Apply<int>(Numbered(24));

        Assert.False(r.IsIdentity);
        Assert.Equal([4, 3, 2], r.Size);
        Assert.Equal([0.5, 0.7, 2], r.SpacingMm);
        // The first output voxel is the most right, anterior, inferior one: the last stored voxel.
        Assert.Equal(23, result[0]);
        Assert.Equal(0, result[^1]);
        Assert.Equal(Numbered(24), r.Invert<int>(result));
    }

    [Fact]
    public void A_sagittal_stack_is_permuted_onto_L_P_S_with_its_spacing()
    {
        // Stored x runs posterior (y), stored y runs inferior (−z), stored z (slices) runs left (x).
        var c = Case([2, 3, 4], [1, 2, 3], [0, 0, 3, 0, 1, 0, 0, 0, 0, -2, 0, 0, 0, 0, 0, 1]);
        var r = Reorientation.Of(c);
        var stored = Numbered(24);

        var result = r.Apply<int>(stored);

        Assert.Equal([4, 2, 3], r.Size);
        Assert.Equal([3, 1, 2], r.SpacingMm);
        // Output (L=l, P=p, S=s) is stored (x=p, y=2−s, z=l).
        for (var s = 0; s < 3; s++)
            for (var p = 0; p < 2; p++)
                for (var l = 0; l < 4; l++)
                    Assert.Equal(stored[((l * 3) + (2 - s)) * 2 + p], result[(s * 2 + p) * 4 + l]);
        Assert.Equal(stored, r.Invert<int>(result));
    }

    [Fact]
    public void Axes_that_do_not_map_onto_distinct_patient_axes_are_refused()
    {
        var c = Case([2, 2, 2], [1, 1, 1], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

        Assert.Throws<DatasetFormatException>(() => Reorientation.Of(c));
    }

    [Fact]
    public void A_buffer_of_the_wrong_length_is_refused()
    {
        var r = Reorientation.Of(Case([2, 2, 2], [1, 1, 1], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));

        Assert.Throws<ArgumentException>(() => r.Apply<int>(Numbered(7)));
    }
}
