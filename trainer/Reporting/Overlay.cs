using Mosmos.Datasets;

namespace Mosmos.Trainer.Reporting;

/// <summary>
/// The axial slice through the centre of the ground truth, twice side by side: prediction on the left, ground
/// truth on the right, labels tinted over the CT (soft-tissue window, W 400 / L 40 HU). Image rows run along y, so
/// patient anterior is at the top and patient left on the image's right (LPS, as the dataset's axes).
/// </summary>
public static class Overlay
{
    private const double WindowLow = -160, WindowHigh = 240;

    public static void Write(string path, CaseVolume volume, ReadOnlySpan<byte> predicted)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.Labels is null) throw new ArgumentException("the case has no ground truth", nameof(volume));
        int sx = volume.SizeX, sy = volume.SizeY;
        var z = CentreSlice(volume);
        var canvas = new Canvas(2 * sx + 4, sy, (0, 0, 0));
        for (var y = 0; y < sy; y++)
        for (var x = 0; x < sx; x++)
        {
            var i = volume.Index(x, y, z);
            var grey = (byte)Math.Clamp((volume.Image[i] - WindowLow) / (WindowHigh - WindowLow) * 255, 0, 255);
            canvas.Set(x, y, Tint(grey, predicted[(int)i]));
            canvas.Set(sx + 4 + x, y, Tint(grey, volume.Labels[i]));
        }
        canvas.Save(path);
    }

    private static int CentreSlice(CaseVolume volume)
    {
        long count = 0, sum = 0;
        var plane = (long)volume.SizeX * volume.SizeY;
        for (long i = 0; i < volume.Labels!.Length; i++)
        {
            if (volume.Labels[i] == 0) continue;
            count++;
            sum += i / plane;
        }
        return count == 0 ? volume.SizeZ / 2 : (int)(sum / count);
    }

    // Half grey, half a hue spread over the label values by the golden angle so neighbours differ.
    private static (byte, byte, byte) Tint(byte grey, byte label)
    {
        if (label == 0) return (grey, grey, grey);
        var h = label * 137.508 % 360 / 60;
        var f = h - Math.Floor(h);
        var (r, g, b) = (int)h switch
        {
            0 => (1.0, f, 0.0), 1 => (1 - f, 1.0, 0.0), 2 => (0.0, 1.0, f), 3 => (0.0, 1 - f, 1.0), 4 => (f, 0.0, 1.0), _ => (1.0, 0.0, 1 - f),
        };
        return ((byte)(grey / 2 + 127 * r), (byte)(grey / 2 + 127 * g), (byte)(grey / 2 + 127 * b));
    }
}
