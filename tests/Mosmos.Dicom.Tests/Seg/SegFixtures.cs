using Mosmos.Dicom.Seg;

namespace Mosmos.Dicom.Tests.Seg;

/// <summary>Label maps and writer settings shared by the SEG and SR tests.</summary>
internal static class SegFixtures
{
    public static readonly SegmentationAlgorithm Algorithm = new("MOSMOS test model", "0.1.0");

    public static readonly DateTime FixedTime = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

    public static SegWriterOptions Options(string key = "seg-test-key") => new()
    {
        UidKey = key,
        Algorithm = Algorithm,
        CreatedAt = FixedTime,
    };

    /// <summary>
    /// The §6.3 baseline: 3 slices of 5×5, spleen (label 1) on slices 0 and 1, left kidney (label 3) on slice 2 —
    /// 3 frames after empty-frame omission, 75 bits, 10 bytes.
    /// </summary>
    public static LabelMap Baseline()
    {
        var map = new LabelMap(5, 5, 3);
        map[1, 1, 0] = 1;
        map[2, 1, 0] = 1;
        map[4, 4, 1] = 1;
        map[0, 0, 2] = 3;
        map[3, 2, 2] = 3;
        return map;
    }

    public static IReadOnlyList<SegmentDescription> BaselineSegments() =>
        [SegmentDescription.FromOrgan(OrganCatalog.Get("spleen")), SegmentDescription.FromOrgan(OrganCatalog.Get("kidney_left"))];

    /// <summary>Deterministic pseudo-random labels 0..<paramref name="labels"/>, mostly background.</summary>
    public static LabelMap Random(int columns, int rows, int slices, int labels, int seed = 7)
    {
        var map = new LabelMap(columns, rows, slices);
        var random = new Random(seed);
        for (int i = 0; i < map.Voxels.Length; i++)
            map.Voxels[i] = random.Next(3) == 0 ? (byte)random.Next(1, labels + 1) : (byte)0;
        return map;
    }

    public static SegWriterOptions FractionalOptions(string key = "seg-test-key") => Options(key) with { Type = SegmentationType.Fractional };

    /// <summary>
    /// Deterministic FRACTIONAL values (slices × rows × columns, 0..<paramref name="maximum"/>, about a third
    /// non-zero, the extremes 1 and the maximum included) with slice <paramref name="emptySlice"/> all zero.
    /// </summary>
    public static byte[] FractionalValues(int columns, int rows, int slices, byte maximum, int emptySlice, int seed = 11)
    {
        var values = new byte[columns * rows * slices];
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
            values[i] = random.Next(3) == 0 ? (byte)random.Next(1, maximum + 1) : (byte)0;
        values[0] = maximum;
        values[^1] = 1;
        if (emptySlice >= 0) Array.Clear(values, emptySlice * columns * rows, columns * rows);
        return values;
    }

    public static string TempFolder() => Directory.CreateTempSubdirectory("mosmos-seg-").FullName;
}
