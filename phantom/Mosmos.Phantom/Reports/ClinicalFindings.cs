using System.Text.Json.Serialization;
using Mosmos.Dicom;
using Mosmos.Phantom.Anatomy;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Rendering;

namespace Mosmos.Phantom.Reports;

/// <summary>What one finding is; the report grammar has phrasings for each kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingKind>))]
public enum FindingKind
{
    Removed, Enlarged, Cyst, SolidHypo, SolidHyper, Hydronephrosis, Gallstones, AgeAtrophy, Distended, Decompressed,
}

/// <summary>A finding about an organ, with the numbers the report quotes (sizes in cm).</summary>
public sealed record Finding(FindingKind Kind, double SizeCm = 0, bool Abnormal = true);

/// <summary>The truth about one catalog organ in one study: its tag and the findings behind it.</summary>
public sealed record OrganTruth(string Organ, Datasets.OrganTag Tag, IReadOnlyList<Finding> Findings, bool Visible);

/// <summary>
/// Derives each organ's truth from the patient and the rasterised label map, once, so that the tags, the report
/// and the image cannot disagree: an organ is present when it has voxels, absent when it was removed, belongs
/// to the other sex, or lies outside the field of view, abnormal when a finding says so. Size criteria are read
/// from the mask (splenomegaly: longest dimension ≥ 13 cm; hepatomegaly: craniocaudal span ≥ 20 cm).
/// </summary>
public static class ClinicalFindings
{
    public const double SplenomegalyCm = 13.0;
    public const double HepatomegalyCm = 20.0;

    public static IReadOnlyDictionary<string, OrganTruth> Derive(PatientParameters patient, AnatomyModel anatomy,
        IReadOnlyList<Lesion> lesions, IReadOnlyDictionary<string, OrganMeasurement> measured)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(anatomy);
        ArgumentNullException.ThrowIfNull(lesions);
        ArgumentNullException.ThrowIfNull(measured);
        var p = patient.Pathologies;
        var result = new SortedDictionary<string, OrganTruth>(StringComparer.Ordinal);
        foreach (var organ in OrganCatalog.All)
        {
            var id = organ.Id;
            var findings = new List<Finding>();
            var visible = measured.ContainsKey(id);
            if (!anatomy.Organs.ContainsKey(id))
            {
                if (IsRemoved(id, p)) findings.Add(new Finding(FindingKind.Removed));
                result[id] = new OrganTruth(id, Datasets.OrganTag.Absent, findings, false);
                continue;
            }
            if (!visible)
            {
                result[id] = new OrganTruth(id, Datasets.OrganTag.Absent, findings, false);
                continue;
            }
            var m = measured[id];
            if (id == "spleen" && m.LengthCm >= SplenomegalyCm) findings.Add(new Finding(FindingKind.Enlarged, m.LengthCm));
            if (id == "liver" && m.CraniocaudalCm >= HepatomegalyCm) findings.Add(new Finding(FindingKind.Enlarged, m.CraniocaudalCm));
            if (id == "gallbladder" && p.Gallstones) findings.Add(new Finding(FindingKind.Gallstones));
            if ((id == "kidney_right" && p.Hydronephrosis == Side.Right) || (id == "kidney_left" && p.Hydronephrosis == Side.Left))
                findings.Add(new Finding(FindingKind.Hydronephrosis));
            if (id == "prostate" && patient.AgeYears >= 72) findings.Add(new Finding(FindingKind.Enlarged, m.LengthCm));
            if ((id == "pancreas" && patient.AgeYears > 70) || (id == "uterus" && patient.AgeYears > 55))
                findings.Add(new Finding(FindingKind.AgeAtrophy, Abnormal: false));
            if (id == "urinary_bladder")
                findings.Add(new Finding(patient.BladderFilling < 0.6 ? FindingKind.Decompressed : FindingKind.Distended, Abnormal: false));
            foreach (var lesion in lesions.Where(l => l.Organ == id))
            {
                var kind = lesion.Kind switch
                {
                    LesionKind.Cyst => FindingKind.Cyst,
                    LesionKind.Hypoenhancing => FindingKind.SolidHypo,
                    _ => FindingKind.SolidHyper,
                };
                findings.Add(new Finding(kind, Math.Round(lesion.RadiusMm * 2 / 10, 1)));
            }
            var tag = findings.Any(f => f.Abnormal) ? Datasets.OrganTag.Abnormal : Datasets.OrganTag.Present;
            result[id] = new OrganTruth(id, tag, findings, true);
        }
        return result;
    }

    private static bool IsRemoved(string id, Pathologies p) => id switch
    {
        "spleen" => p.Splenectomy,
        "gallbladder" => p.Cholecystectomy,
        "kidney_right" => p.Nephrectomy == Side.Right,
        "kidney_left" => p.Nephrectomy == Side.Left,
        "uterus" => p.Hysterectomy,
        _ => false,
    };
}
