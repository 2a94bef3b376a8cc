using Mosmos.Datasets;

namespace Mosmos.Trainer.Tests;

/// <summary>
/// The inputs of the trainer tests: 32³ volumes at 1 mm with three spheres (left kidney, right kidney, spleen)
/// whose HU differ from the surroundings, deterministic per case index.
/// </summary>
internal static class TinyData
{
    public const int Edge = 32;

    public static readonly IReadOnlyDictionary<int, string> Labels =
        new Dictionary<int, string> { [1] = "kidney_left", [2] = "kidney_right", [3] = "spleen" };

    public static Dataset Write(string folder, int cases = 2)
    {
        var writer = DatasetWriter.Open(folder, Labels);
        for (var c = 0; c < cases; c++)
        {
            var (image, labels) = Volume(c);
            writer.Add(new DatasetCase
            {
                Id = $"tiny-{c}",
                ImageFile = "set-by-writer",
                Size = [Edge, Edge, Edge],
                SpacingMm = [1, 1, 1],
                DirectionAndOrigin = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
                Modality = "CT",
                Source = "test:tiny",
            }, image, labels);
        }
        return Dataset.Open(folder);
    }

    public static (short[] Image, byte[] Labels) Volume(int seed)
    {
        var n = Edge * Edge * Edge;
        var image = new short[n];
        var labels = new byte[n];
        var shift = seed % 3;
        // Patient left is +x in LPS: the left kidney sits at high x.
        (int X, int Y, int Z, int R, byte Label, short Hu)[] organs =
            [(22 + shift, 18, 16, 5, 1, 160), (9 + shift, 18, 16, 5, 2, 160), (24, 10 - shift, 14, 4, 3, 60)];
        for (var z = 0; z < Edge; z++)
        for (var y = 0; y < Edge; y++)
        for (var x = 0; x < Edge; x++)
        {
            var i = (z * Edge + y) * Edge + x;
            image[i] = (short)(-80 + (i * 7919 % 41) - 20);
            foreach (var o in organs)
            {
                if ((x - o.X) * (x - o.X) + (y - o.Y) * (y - o.Y) + (z - o.Z) * (z - o.Z) <= o.R * o.R)
                {
                    labels[i] = o.Label;
                    image[i] = (short)(o.Hu + (i * 31 % 21) - 10);
                }
            }
        }
        return (image, labels);
    }
}
