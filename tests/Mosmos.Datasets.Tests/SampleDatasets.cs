namespace Mosmos.Datasets.Tests;

/// <summary>The inputs these tests share: a two-organ label map and a small case with a cube of each organ.</summary>
internal static class SampleDatasets
{
    public static readonly IReadOnlyDictionary<int, string> Labels = new Dictionary<int, string> { [1] = "spleen", [2] = "liver" };

    public static DatasetCase Meta(string id, int sx = 6, int sy = 5, int sz = 4) => new()
    {
        Id = id,
        ImageFile = "set-by-writer",
        Size = [sx, sy, sz],
        SpacingMm = [0.8, 0.8, 2.5],
        DirectionAndOrigin = [0.8, 0, 0, -100, 0, 0.8, 0, -120, 0, 0, 2.5, 50, 0, 0, 0, 1],
        Modality = "CT",
        StudyInstanceUid = "2.25.1",
        SeriesInstanceUid = "2.25.2",
        Source = "test",
        Tags = new Dictionary<string, OrganTag> { ["spleen"] = OrganTag.Present, ["gallbladder"] = OrganTag.Absent },
    };

    public static short[] Image(int n) => [.. Enumerable.Range(0, n).Select(i => (short)(i * 37 % 2000 - 1000))];

    public static byte[] LabelMap(int n) => [.. Enumerable.Range(0, n).Select(i => (byte)(i % 7 == 0 ? 1 : i % 11 == 0 ? 2 : 0))];

    /// <summary>Writes one labelled case with a report; returns the folder's dataset.</summary>
    public static Dataset WriteOne(string folder, bool compress)
    {
        var writer = DatasetWriter.Open(folder, Labels);
        var meta = Meta("case-1");
        writer.Add(meta, Image(120), LabelMap(120), "The spleen is normal.", compress);
        return Dataset.Open(folder);
    }
}
