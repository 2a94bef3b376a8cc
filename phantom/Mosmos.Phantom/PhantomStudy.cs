using Mosmos.Datasets;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Output;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Rendering;
using Mosmos.Phantom.Reports;

namespace Mosmos.Phantom;

/// <summary>
/// One generated study: the HU volume and label map on <see cref="Grid"/> (x fastest, slices ascending along the
/// slice normal), the report, the truth per organ, and every parameter it was made from.
/// </summary>
public sealed record PhantomStudy
{
    public required ulong Seed { get; init; }
    public required PhantomSize Size { get; init; }
    public required PatientParameters Patient { get; init; }
    public required ScanParameters Scan { get; init; }
    public required ImageGrid Grid { get; init; }
    public required StudyIdentity Identity { get; init; }

    /// <summary>HU, clamped to −1024..3071 (12-bit stored values with intercept −1024).</summary>
    public required short[] Hu { get; init; }

    /// <summary>Organ catalog default label values (0 = background).</summary>
    public required byte[] Labels { get; init; }

    public required IReadOnlyList<Lesion> Lesions { get; init; }
    public required IReadOnlyDictionary<string, OrganMeasurement> Measurements { get; init; }
    public required IReadOnlyDictionary<string, OrganTruth> Truth { get; init; }
    public required RadiologyReport Report { get; init; }

    /// <summary>The tag of every catalog organ as the image shows it.</summary>
    public IReadOnlyDictionary<string, OrganTag> TrueTags => Truth.ToDictionary(kv => kv.Key, kv => kv.Value.Tag);
}
