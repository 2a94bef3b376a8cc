using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Randomness;

namespace Mosmos.Phantom.Rendering;

/// <summary>
/// Turns the tissue map into HU: tissue mean + low-frequency texture, a 3-tap in-plane blur (partial volume and
/// the reconstruction kernel), then noise whose grain follows the kernel. Noise comes from a hash of the voxel
/// coordinates, not a sequential stream, so slices can be made in parallel and still match byte for byte.
/// </summary>
public static class ImageSynthesis
{
    private const int Tile = 64;
    private const int TileZ = 16;

    /// <summary>Texture cell size in mm (in-plane, craniocaudal).</summary>
    private const float CellMm = 3f;
    private const float CellZMm = 6f;

    public static short[] Render(ImageGrid grid, ScanParameters scan, byte[] tissues, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(tissues);
        ArgumentNullException.ThrowIfNull(rng);
        var (hu, textureAmplitude) = TissueTable.For(scan.Phase, scan.Kvp, rng.Fork("tissue-table"));
        var texture = TextureTile(rng.Fork("texture"));
        var gauss = new float[4096];
        var g = rng.Fork("noise");
        for (int i = 0; i < gauss.Length; i++) gauss[i] = (float)g.Normal();
        var noiseSeed = g.NextUInt64();
        var output = new short[grid.VoxelCount];
        int w = grid.Columns, h = grid.Rows;
        // Texture lookups: body mm → cell coordinates, per column and per row.
        var cx = new float[w];
        var cy = new float[h];
        for (int i = 0; i < w; i++) cx[i] = (float)(grid.BodyX(i) / CellMm) + 1000 * Tile;
        for (int j = 0; j < h; j++) cy[j] = (float)(grid.BodyY(j) / CellMm) + 1000 * Tile;
        var alpha = (float)scan.KernelSmoothing;
        // Variance of (1−α)·white + α·blurred/0.375 where the [1 2 1]² blur keeps 0.375 of the SD and correlates 0.667.
        var noiseScale = (float)scan.NoiseHu / MathF.Sqrt((1 - alpha) * (1 - alpha) + alpha * alpha + 2 * alpha * (1 - alpha) * 0.667f);
        Parallel.For(0, grid.Slices, () => new Buffers(w * h), (k, _, b) =>
        {
            var cz = ((int)MathF.Floor((float)(grid.BodyZ(k) / CellZMm)) % TileZ + TileZ) % TileZ;
            long start = grid.Index(0, 0, k);
            for (int j = 0; j < h; j++)
            {
                for (int i = 0; i < w; i++)
                {
                    var t = tissues[start + (long)j * w + i];
                    var a = textureAmplitude[t];
                    b.Image[j * w + i] = hu[t] + (a == 0 ? 0 : a * Sample(texture, cx[i], cy[j], cz));
                    b.Noise[j * w + i] = gauss[StableHash.Voxel(noiseSeed, i, j, k) & 4095];
                }
            }
            Blur(b.Image, b.Scratch, w, h);
            Array.Copy(b.Noise, b.Blurred, b.Noise.Length);
            Blur(b.Blurred, b.Scratch, w, h);
            for (int v = 0; v < w * h; v++)
            {
                var n = ((1 - alpha) * b.Noise[v] + alpha * b.Blurred[v] / 0.375f) * noiseScale;
                output[start + v] = (short)Math.Clamp(MathF.Round(b.Image[v] + n), -1024, 3071);
            }
            return b;
        }, _ => { });
        return output;
    }

    /// <summary>A tileable field of smoothed normal values (SD ≈ 1), bilinear in-plane.</summary>
    private static float[] TextureTile(Xoshiro256 rng)
    {
        var raw = new float[Tile * Tile * TileZ];
        for (int i = 0; i < raw.Length; i++) raw[i] = (float)rng.Normal();
        var smooth = new float[raw.Length];
        for (int z = 0; z < TileZ; z++)
        for (int y = 0; y < Tile; y++)
        for (int x = 0; x < Tile; x++)
        {
            float sum = 0;
            for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                sum += raw[(z * Tile + (y + dy + Tile) % Tile) * Tile + (x + dx + Tile) % Tile];
            // Averaging 9 values divides the SD by 3.
            smooth[(z * Tile + y) * Tile + x] = sum / 3f;
        }
        return smooth;
    }

    private static float Sample(float[] tile, float x, float y, int z)
    {
        int x0 = (int)x, y0 = (int)y;
        float fx = x - x0, fy = y - y0;
        int xa = x0 % Tile, xb = (x0 + 1) % Tile, ya = y0 % Tile, yb = (y0 + 1) % Tile;
        int zo = z * Tile * Tile;
        var top = tile[zo + ya * Tile + xa] * (1 - fx) + tile[zo + ya * Tile + xb] * fx;
        var bottom = tile[zo + yb * Tile + xa] * (1 - fx) + tile[zo + yb * Tile + xb] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /// <summary>Separable [1 2 1]/4 blur in x then y; edges repeat the border pixel.</summary>
    private static void Blur(float[] image, float[] scratch, int w, int h)
    {
        for (int j = 0; j < h; j++)
        {
            int row = j * w;
            for (int i = 0; i < w; i++)
            {
                var l = image[row + Math.Max(i - 1, 0)];
                var r = image[row + Math.Min(i + 1, w - 1)];
                scratch[row + i] = 0.25f * l + 0.5f * image[row + i] + 0.25f * r;
            }
        }
        for (int j = 0; j < h; j++)
        {
            int up = Math.Max(j - 1, 0) * w, row = j * w, down = Math.Min(j + 1, h - 1) * w;
            for (int i = 0; i < w; i++)
                image[row + i] = 0.25f * scratch[up + i] + 0.5f * scratch[row + i] + 0.25f * scratch[down + i];
        }
    }

    private sealed class Buffers(int size)
    {
        public float[] Image { get; } = new float[size];
        public float[] Noise { get; } = new float[size];
        public float[] Blurred { get; } = new float[size];
        public float[] Scratch { get; } = new float[size];
    }
}
