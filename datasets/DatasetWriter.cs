using System.Text.Json;

namespace Mosmos.Datasets;

/// <summary>
/// Adds cases to a dataset folder so that an interrupted writer (a resumable harvest) never leaves a half case:
/// each file is written to a temporary name and renamed, and the case enters <c>dataset.json</c> (itself
/// replaced by rename) only after all its files are in place. Not thread-safe: one writer per folder.
/// </summary>
public sealed class DatasetWriter
{
    private readonly string _folder;
    private readonly List<DatasetCase> _cases;
    private readonly IReadOnlyDictionary<int, string> _labels;

    private DatasetWriter(string folder, IReadOnlyDictionary<int, string> labels, IEnumerable<DatasetCase> cases)
    {
        _folder = folder;
        _labels = labels;
        _cases = [.. cases];
    }

    /// <summary>Creates the folder, or reopens it to resume; an existing dataset must have the same label map.</summary>
    public static DatasetWriter Open(string folder, IReadOnlyDictionary<int, string> labels)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(labels);
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, Dataset.ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            var errors = ManifestValidator.Validate(new DatasetManifest { Labels = labels });
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(labels));
            var writer = new DatasetWriter(folder, new SortedDictionary<int, string>(labels.ToDictionary()), []);
            writer.WriteManifest();
            return writer;
        }
        var existing = Dataset.ReadManifest(manifestPath);
        if (existing.Labels.Count != labels.Count || labels.Any(kv => !existing.Labels.TryGetValue(kv.Key, out var o) || o != kv.Value))
            ThrowHelper.Format(manifestPath, "the existing dataset has a different label map; write to a new folder");
        return new DatasetWriter(folder, existing.Labels, existing.Cases);
    }

    public IReadOnlyList<DatasetCase> Cases => _cases;

    public bool Contains(string id) => _cases.Any(c => c.Id == id);

    /// <summary>
    /// Writes a case. File names are chosen here (<c>images/ID.i16</c>, <c>labels/ID.u8</c>, <c>reports/ID.txt</c>,
    /// plus ".gz" when <paramref name="compress"/>); those given in <paramref name="meta"/> are ignored.
    /// </summary>
    public DatasetCase Add(DatasetCase meta, ReadOnlySpan<short> image, ReadOnlySpan<byte> labels = default,
        string? report = null, bool compress = true)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (Contains(meta.Id)) throw new ArgumentException($"case '{meta.Id}' is already in {_folder}", nameof(meta));
        var gz = compress ? ".gz" : "";
        var c = meta with
        {
            ImageFile = $"images/{meta.Id}.i16{gz}",
            LabelFile = labels.IsEmpty ? null : $"labels/{meta.Id}.u8{gz}",
            ReportFile = report is null ? null : $"reports/{meta.Id}.txt",
        };
        var errors = ManifestValidator.Validate(new DatasetManifest { Labels = _labels, Cases = [c] });
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(meta));
        if (image.Length != c.VoxelCount)
            throw new ArgumentException($"image has {image.Length} voxels, size says {c.VoxelCount}", nameof(image));
        if (!labels.IsEmpty && labels.Length != c.VoxelCount)
            throw new ArgumentException($"labels have {labels.Length} voxels, size says {c.VoxelCount}", nameof(labels));
        if (!labels.IsEmpty) Dataset.CheckLabelValues(c.Id, labels, _labels);

        var imagePath = Target(c.ImageFile);
        var tmp = Temp(imagePath);
        VolumeFile.WriteInt16(tmp, image, VolumeFile.IsCompressed(imagePath));
        File.Move(tmp, imagePath, overwrite: true);
        if (c.LabelFile is not null)
        {
            var labelPath = Target(c.LabelFile);
            tmp = Temp(labelPath);
            VolumeFile.WriteUInt8(tmp, labels, VolumeFile.IsCompressed(labelPath));
            File.Move(tmp, labelPath, overwrite: true);
        }
        if (c.ReportFile is not null)
        {
            var reportPath = Target(c.ReportFile);
            tmp = Temp(reportPath);
            File.WriteAllText(tmp, report);
            File.Move(tmp, reportPath, overwrite: true);
        }
        _cases.Add(c);
        WriteManifest();
        return c;
    }

    /// <summary>
    /// Drops a case (a damaged cache entry a harvest fetches again): the manifest is rewritten first, then the
    /// files are deleted, so a crash in between leaves orphan files only. False when there is no such case.
    /// </summary>
    public bool Remove(string id)
    {
        var c = _cases.FirstOrDefault(x => x.Id == id);
        if (c is null) return false;
        _cases.Remove(c);
        WriteManifest();
        foreach (var file in new[] { c.ImageFile, c.LabelFile, c.ReportFile })
        {
            if (file is not null) File.Delete(Path.Combine(_folder, file));
        }
        return true;
    }

    private string Target(string relative)
    {
        var full = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    // Keep the real extension last-but-one so a leftover temp file is never mistaken for a volume.
    private static string Temp(string path) => $"{path}.{Environment.ProcessId}.tmp";

    private void WriteManifest()
    {
        var path = Path.Combine(_folder, Dataset.ManifestFileName);
        var tmp = Temp(path);
        using (var stream = File.Create(tmp))
            JsonSerializer.Serialize(stream, new DatasetManifest { Labels = _labels, Cases = _cases }, DatasetJsonContext.Default.DatasetManifest);
        File.Move(tmp, path, overwrite: true);
    }
}
