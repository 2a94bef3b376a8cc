using System.Text.Json;
using System.Text.Json.Serialization;
using Mosmos.Datasets;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Rendering;
using Mosmos.Phantom.Reports;

namespace Mosmos.Phantom.Output;

/// <summary>
/// <c>study.json</c> beside the DICOM files: the truth per organ (tag and findings), the tags the report states,
/// the measurements, and every generation parameter, so a study can be explained and regenerated.
/// </summary>
public sealed record Sidecar
{
    public required string Generator { get; init; }
    public required ulong Seed { get; init; }
    public required int[] Size { get; init; }
    public required StudyIdentity Identity { get; init; }
    public required PatientParameters Patient { get; init; }
    public required ScanParameters Scan { get; init; }
    public required GridInfo Grid { get; init; }
    public required IReadOnlyList<Lesion> Lesions { get; init; }
    public required IReadOnlyDictionary<string, OrganTag> TrueTags { get; init; }
    public required IReadOnlyDictionary<string, OrganTruth> Truth { get; init; }
    public required IReadOnlyDictionary<string, OrganTag> ReportTags { get; init; }
    public required IReadOnlyDictionary<string, OrganMeasurement> Measurements { get; init; }
    public required string Report { get; init; }

    /// <summary>The geometry of the label map and volume (same as the CT series).</summary>
    public sealed record GridInfo(int[] Size, double[] SpacingMm, double[] RowDirection, double[] ColumnDirection,
        double[] Normal, double[] OriginMm, double[] Affine);

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Sidecar From(PhantomStudy s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var g = s.Grid;
        return new Sidecar
        {
            Generator = "mosmos-phantom 1",
            Seed = s.Seed,
            Size = [g.Columns, g.Rows, g.Slices],
            Identity = s.Identity,
            Patient = s.Patient,
            Scan = s.Scan,
            Grid = new GridInfo([g.Columns, g.Rows, g.Slices], [g.PixelSpacing, g.PixelSpacing, g.SliceSpacing],
                g.RowDirection, g.ColumnDirection, g.Normal, g.Origin, g.Affine()),
            Lesions = s.Lesions,
            TrueTags = new SortedDictionary<string, OrganTag>(s.TrueTags.ToDictionary(), StringComparer.Ordinal),
            Truth = s.Truth,
            ReportTags = s.Report.StatedTags,
            Measurements = s.Measurements,
            Report = s.Report.Text,
        };
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    public static Sidecar Read(string path) =>
        JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is JSON null");
}
