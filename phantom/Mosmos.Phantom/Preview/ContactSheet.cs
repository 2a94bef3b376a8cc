using Mosmos.Datasets.Rendering;
using Mosmos.Dicom;

namespace Mosmos.Phantom.Preview;

/// <summary>
/// A contact sheet of eight axial slices (diaphragm to pelvis) and one coronal slice, soft-tissue window
/// (W 400 / L 40) with the label map blended in the catalog colours. Panels are drawn in body coordinates in
/// radiological convention (patient's right on the left, anterior up, head up), whatever the patient position,
/// so a geometry error shows up as a mirrored or upside-down picture.
/// </summary>
public static class ContactSheet
{
    private const int Panel = 256;
    private const int Columns = 4;
    private const float Alpha = 0.4f;

    public static void Write(PhantomStudy study, string path)
    {
        ArgumentNullException.ThrowIfNull(study);
        var g = study.Grid;
        var coronalWidth = Panel + 64;
        int width = Columns * Panel + coronalWidth, height = 2 * Panel;
        var rgb = new byte[width * height * 3];
        var colours = new (byte R, byte G, byte B)[256];
        foreach (var organ in OrganCatalog.All) colours[organ.DefaultLabel] = organ.Rgb;
        // Body-space extent of the field of view (mm).
        double x0 = Math.Min(g.BodyX(0), g.BodyX(g.Columns - 1)), x1 = Math.Max(g.BodyX(0), g.BodyX(g.Columns - 1));
        double y0 = Math.Min(g.BodyY(0), g.BodyY(g.Rows - 1)), y1 = Math.Max(g.BodyY(0), g.BodyY(g.Rows - 1));
        double z0 = Math.Min(g.BodyZ(0), g.BodyZ(g.Slices - 1)), z1 = Math.Max(g.BodyZ(0), g.BodyZ(g.Slices - 1));
        for (int n = 0; n < 8; n++)
        {
            // From 8 % below the top of the scan to 8 % above its bottom.
            var z = z1 - (z1 - z0) * (0.08 + 0.84 * n / 7.0);
            int ox = n % Columns * Panel, oy = n / Columns * Panel;
            for (int v = 0; v < Panel; v++)
            for (int u = 0; u < Panel; u++)
            {
                var x = x0 + (x1 - x0) * u / (Panel - 1);
                var y = y0 + (y1 - y0) * v / (Panel - 1);
                Put(study, rgb, width, ox + u, oy + v, x, y, z, colours);
            }
        }
        // Coronal through the kidneys' depth (body y ≈ 45 mm behind the origin, scaled).
        var yc = 45 * study.Patient.ScaleY;
        for (int v = 0; v < height; v++)
        for (int u = 0; u < coronalWidth; u++)
        {
            var x = x0 + (x1 - x0) * u / (coronalWidth - 1);
            var z = z1 - (z1 - z0) * v / (height - 1);
            Put(study, rgb, width, Columns * Panel + u, v, x, yc, z, colours);
        }
        PngWriter.Write(path, width, height, rgb);
    }

    private static void Put(PhantomStudy s, byte[] rgb, int width, int px, int py, double x, double y, double z, (byte R, byte G, byte B)[] colours)
    {
        var g = s.Grid;
        int i = (int)Math.Round((x - g.BodyX(0)) / (g.PixelSpacing * g.RowDirection[0]));
        int j = (int)Math.Round((y - g.BodyY(0)) / (g.PixelSpacing * g.ColumnDirection[1]));
        int k = (int)Math.Round((z - g.BodyZ(0)) / (g.SliceSpacing * g.Normal[2]));
        if (i < 0 || j < 0 || k < 0 || i >= g.Columns || j >= g.Rows || k >= g.Slices) return;
        var v = g.Index(i, j, k);
        // Soft-tissue window: level 40 HU, width 400 HU.
        var grey = (float)Math.Clamp((s.Hu[v] - (40 - 200)) / 400.0 * 255, 0, 255);
        float r = grey, gr = grey, b = grey;
        var label = s.Labels[v];
        if (label != 0)
        {
            var c = colours[label];
            r = r * (1 - Alpha) + c.R * Alpha;
            gr = gr * (1 - Alpha) + c.G * Alpha;
            b = b * (1 - Alpha) + c.B * Alpha;
        }
        var o = (py * width + px) * 3;
        rgb[o] = (byte)r;
        rgb[o + 1] = (byte)gr;
        rgb[o + 2] = (byte)b;
    }
}
