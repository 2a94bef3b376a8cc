using System.Text.Json;

namespace Mosmos.Datasets;

/// <summary>An opened, validated dataset folder (README.md). Volumes load on demand, one case at a time.</summary>
public sealed class Dataset
{
    public const string ManifestFileName = "dataset.json";

    /// <summary>dataset.json is metadata only; anything larger is not a manifest we wrote.</summary>
    private const long MaxManifestBytes = 256L << 20;

    private Dataset(string folder, DatasetManifest manifest)
    {
        Folder = folder;
        Manifest = manifest;
    }

    public string Folder { get; }

    public DatasetManifest Manifest { get; }

    public IReadOnlyDictionary<int, string> Labels => Manifest.Labels;

    public IReadOnlyList<DatasetCase> Cases => Manifest.Cases;

    /// <summary>Reads and validates <c>dataset.json</c> and checks that every referenced file exists.</summary>
    /// <exception cref="DatasetFormatException">The manifest is missing or invalid, or a referenced file is missing.</exception>
    public static Dataset Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = Path.Combine(folder, ManifestFileName);
        var manifest = ReadManifest(path);
        var dataset = new Dataset(Path.GetFullPath(folder), manifest);
        foreach (var c in manifest.Cases)
        {
            dataset.RequireFile(c, c.ImageFile, "image");
            if (c.LabelFile is not null) dataset.RequireFile(c, c.LabelFile, "label");
            if (c.ReportFile is not null) dataset.RequireFile(c, c.ReportFile, "report");
        }
        return dataset;
    }

    internal static DatasetManifest ReadManifest(string path)
    {
        if (!File.Exists(path)) ThrowHelper.Format(path, "dataset.json is missing");
        if (new FileInfo(path).Length > MaxManifestBytes) ThrowHelper.Format(path, $"larger than {MaxManifestBytes} bytes");
        DatasetManifest? manifest = null;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize(stream, DatasetJsonContext.Default.DatasetManifest);
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            ThrowHelper.Format(path, $"not a valid dataset manifest{at}: {ex.Message}", ex);
        }
        if (manifest is null) ThrowHelper.Format(path, "the manifest is JSON null");
        var errors = ManifestValidator.Validate(manifest);
        if (errors.Count > 0) ThrowHelper.Format(path, string.Join("; ", errors));
        return manifest;
    }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public DatasetCase Case(string id) =>
        Cases.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no case '{id}' in {Folder}");

    /// <summary>Loads the image and, when the case has one, its label map; checks sizes and label values.</summary>
    /// <exception cref="DatasetFormatException">A file is missing, truncated, too long, corrupt, or a label value is not in the map.</exception>
    public CaseVolume Load(DatasetCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var image = VolumeFile.ReadInt16(PathOf(c.ImageFile), c.VoxelCount);
        byte[]? labels = null;
        if (c.LabelFile is not null)
        {
            var labelPath = PathOf(c.LabelFile);
            labels = VolumeFile.ReadUInt8(labelPath, c.VoxelCount);
            CheckLabelValues(labelPath, labels, Labels);
        }
        return new CaseVolume(c, image, labels);
    }

    /// <summary>The report text, or null when the case has none.</summary>
    public string? ReadReport(DatasetCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.ReportFile is null ? null : File.ReadAllText(PathOf(c.ReportFile));
    }

    internal static void CheckLabelValues(string path, ReadOnlySpan<byte> labels, IReadOnlyDictionary<int, string> map)
    {
        Span<bool> seen = stackalloc bool[256];
        foreach (var v in labels) seen[v] = true;
        for (var v = 1; v < 256; v++)
        {
            if (seen[v] && !map.ContainsKey(v))
                ThrowHelper.Format(path, $"label value {v} is not in the dataset's label map ({string.Join(", ", map.Keys.Order())})");
        }
    }

    private void RequireFile(DatasetCase c, string relative, string what)
    {
        var full = PathOf(relative);
        if (!File.Exists(full)) ThrowHelper.Format(full, $"{what} file of case '{c.Id}' is missing");
    }
}
