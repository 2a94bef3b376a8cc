using System.Globalization;
using System.Text;
using Mosmos.Contracts;
using Mosmos.Trainer.Reporting;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mosmos.Trainer.Pretraining;

/// <summary>
/// Renders each tag's pixel-tag attention over the CT so a person can judge whether the tag attends to its
/// organ: one PNG per case, a grid of tiles in tag order (row-major, 4 per row), each the axial slice where that
/// tag's attention mass peaks, CT in a soft-tissue window (W 400 / L 40), the attention (trilinear to the image
/// grid, divided by its maximum) as a red-to-yellow heat overlay, and — for a case with labels — the organ's true
/// outline in green. Rows run along y (anterior at the top), patient left on the image's right.
/// </summary>
public static class AttentionRenderer
{
    public const int Columns = 4;
    private const int Scale = 2;
    private const int Gap = 4;
    private const double WindowLow = -160, WindowHigh = 240;

    /// <param name="attention">[K, d, h, w].</param>
    /// <param name="labels">The case's labels on the same cube, or null.</param>
    /// <param name="tagClasses">Per tag, its label value in <paramref name="labels"/> or −1.</param>
    /// <returns>The slice index (z) shown for each tag.</returns>
    public static int[] Write(string path, float[] image, int size, Tensor attention, byte[]? labels, IReadOnlyList<int> tagClasses, IntensityNormalization intensity)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(tagClasses);
        ArgumentNullException.ThrowIfNull(intensity);
        var k = (int)attention.shape[0];
        float[] maps;
        using (var scope = NewDisposeScope())
        {
            var up = F.interpolate(attention.unsqueeze(0), [size, size, size], mode: InterpolationMode.Trilinear, align_corners: false)[0];
            up = up / up.amax([1, 2, 3], keepdim: true);
            maps = up.contiguous().data<float>().ToArray();
        }
        var tile = size * Scale;
        var rows = (k + Columns - 1) / Columns;
        var canvas = new Canvas(Columns * (tile + Gap) - Gap, rows * (tile + Gap) - Gap, (0, 0, 0));
        var plane = size * size;
        var slices = new int[k];
        for (var t = 0; t < k; t++)
        {
            var map = maps.AsSpan(t * plane * size, plane * size);
            var z = 0;
            var best = double.MinValue;
            for (var s = 0; s < size; s++)
            {
                double mass = 0;
                foreach (var v in map.Slice(s * plane, plane)) mass += v;
                if (mass > best) { best = mass; z = s; }
            }
            slices[t] = z;
            int ox = t % Columns * (tile + Gap), oy = t / Columns * (tile + Gap);
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var i = z * plane + y * size + x;
                var hu = image[i] * intensity.Std + intensity.Mean;
                var grey = Math.Clamp((hu - WindowLow) / (WindowHigh - WindowLow), 0, 1) * 255;
                var a = Math.Clamp(map[i], 0f, 1f);
                var colour = ((byte)(grey * (1 - a) + 255 * a), (byte)(grey * (1 - a) + 255 * a * a), (byte)(grey * (1 - a)));
                if (labels is not null && tagClasses[t] > 0 && IsOutline(labels, size, x, y, z, tagClasses[t])) colour = (0, 230, 0);
                canvas.FillRect(ox + x * Scale, oy + y * Scale, Scale, Scale, colour);
            }
        }
        canvas.Save(path);
        return slices;
    }

    /// <summary>A Markdown index of the rendered cases: what each tile is.</summary>
    public static void WriteIndex(string folder, IReadOnlyList<string> tags, IReadOnlyList<(string Case, int[] Slices, bool Labelled)> cases, int step)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(cases);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Pixel-tag attention of held-out studies").AppendLine();
        md.AppendLine(inv, $"Step {step}. Each PNG is a grid of tiles, {Columns} per row, in this tag order; each tile is the axial slice where that tag's attention peaks, ");
        md.AppendLine("attention as red→yellow heat over the CT (W 400 / L 40), the organ's true outline in green where the study has labels.").AppendLine();
        md.AppendLine("| tile | tag | " + string.Join(" | ", cases.Select(c => $"{c.Case} slice{(c.Labelled ? "" : " (no labels)")}")) + " |");
        md.AppendLine("|---|---|" + string.Concat(cases.Select(_ => "---|")));
        for (var t = 0; t < tags.Count; t++)
            md.AppendLine(inv, $"| {t + 1} | {tags[t]} | {string.Join(" | ", cases.Select(c => c.Slices[t].ToString(inv)))} |");
        md.AppendLine().AppendJoin('\n', cases.Select(c => $"![{c.Case}]({c.Case}.png)")).AppendLine();
        File.WriteAllText(Path.Combine(folder, "index.md"), md.ToString());
    }

    private static bool IsOutline(byte[] labels, int size, int x, int y, int z, int value)
    {
        var plane = size * size;
        if (labels[z * plane + y * size + x] != value) return false;
        return x == 0 || y == 0 || x == size - 1 || y == size - 1
            || labels[z * plane + y * size + x - 1] != value || labels[z * plane + y * size + x + 1] != value
            || labels[z * plane + (y - 1) * size + x] != value || labels[z * plane + (y + 1) * size + x] != value;
    }
}
