using System.Text.Json.Serialization;

namespace Mosmos.Datasets;

/// <summary>The content of <c>dataset.json</c> (README.md "dataset.json").</summary>
public sealed record DatasetManifest
{
    /// <summary>The only format this code reads and writes.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>Label value (1..255) → organ catalog id. Value 0 is background and never listed.</summary>
    public required IReadOnlyDictionary<int, string> Labels { get; init; }

    public IReadOnlyList<DatasetCase> Cases { get; init; } = [];
}

/// <summary>One study's volume with its optional label map, report and organ tags.</summary>
public sealed record DatasetCase
{
    /// <summary>Unique within the dataset; letters, digits, '-', '_' and '.' only (it names files).</summary>
    public required string Id { get; init; }

    /// <summary>Path relative to the dataset folder of the int16 LE HU volume, x fastest; ".gz" means gzip.</summary>
    public required string ImageFile { get; init; }

    /// <summary>Path of the uint8 label map on the same grid; absent for report-only cases.</summary>
    public string? LabelFile { get; init; }

    /// <summary>Path of the UTF-8 report text.</summary>
    public string? ReportFile { get; init; }

    /// <summary>Organ catalog id → what the report (or the generator) says about it.</summary>
    public IReadOnlyDictionary<string, OrganTag>? Tags { get; init; }

    /// <summary>Voxels along (x, y, z) = (column, row, slice).</summary>
    public required int[] Size { get; init; }

    /// <summary>Voxel spacing along (x, y, z) in mm.</summary>
    public required double[] SpacingMm { get; init; }

    /// <summary>
    /// 4×4 row-major affine from voxel index (i, j, k, 1) to patient LPS position in mm: the upper-left 3×3
    /// holds the direction cosines times spacing, the last column the origin, the last row 0 0 0 1.
    /// </summary>
    public required double[] DirectionAndOrigin { get; init; }

    /// <summary>DICOM modality, e.g. <c>CT</c>.</summary>
    public required string Modality { get; init; }

    public string? StudyInstanceUid { get; init; }

    public string? SeriesInstanceUid { get; init; }

    /// <summary>Where the case came from, e.g. <c>phantom:seed=7</c> or <c>orthanc:http://host:8042</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Number of voxels, x·y·z.</summary>
    [JsonIgnore]
    public long VoxelCount => (long)Size[0] * Size[1] * Size[2];
}

/// <summary>What is known about an organ in a case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrganTag>))]
public enum OrganTag
{
    [JsonStringEnumMemberName("present")] Present,
    [JsonStringEnumMemberName("absent")] Absent,
    [JsonStringEnumMemberName("abnormal")] Abnormal,
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    WriteIndented = true)]
[JsonSerializable(typeof(DatasetManifest))]
internal sealed partial class DatasetJsonContext : JsonSerializerContext;
