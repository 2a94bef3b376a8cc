using System.Text;
using Mosmos.Datasets;
using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Patients;
using Mosmos.Phantom.Randomness;
using Mosmos.Phantom.Rendering;
using static Mosmos.Phantom.Reports.ReportFacts;

namespace Mosmos.Phantom.Reports;

/// <summary>
/// Writes the report in the usual form (history, technique, comparison, findings, impression), either under
/// organ headings or as prose, and records the organ tags each sentence states. Where sentences disagree in
/// strength the strongest wins: absent over abnormal over present.
/// </summary>
public static class ReportComposer
{
    public static RadiologyReport Compose(ReportFacts facts, IReadOnlyDictionary<string, OrganMeasurement> sizes, Xoshiro256 r)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(r);
        var sections = new (string Heading, List<Statement> Lines)[]
        {
            ("LIVER AND BILIARY", [.. AbdominalPhrases.Liver(facts, r), .. AbdominalPhrases.Gallbladder(facts, r)]),
            ("SPLEEN", [.. AbdominalPhrases.Spleen(facts, r, sizes)]),
            ("PANCREAS", [.. AbdominalPhrases.Pancreas(facts, r)]),
            ("ADRENALS", [.. UrinaryPhrases.Adrenals(facts, r)]),
            ("KIDNEYS", [.. UrinaryPhrases.KidneysFor(facts, r, sizes)]),
            ("GASTROINTESTINAL", [.. PelvisAndGutPhrases.Gut(facts, r)]),
            ("VESSELS", [.. PelvisAndGutPhrases.Vessels(facts, r)]),
            ("PELVIS", [.. PelvisAndGutPhrases.Pelvis(facts, r, sizes)]),
            ("OTHER", [.. PelvisAndGutPhrases.Other(facts, r)]),
        };
        var impression = Impression(facts, sizes, r);
        var all = sections.SelectMany(s => s.Lines).Concat(impression).ToList();
        var findings = new StringBuilder();
        if (r.Chance(0.5))
        {
            foreach (var (heading, lines) in sections.Where(s => s.Lines.Count > 0))
                findings.Append(heading).Append(": ").AppendJoin(' ', lines.Select(l => l.Text)).Append('\n');
        }
        else
        {
            findings.AppendJoin(' ', sections.Take(5).SelectMany(s => s.Lines).Select(l => l.Text)).Append("\n\n");
            findings.AppendJoin(' ', sections.Skip(5).SelectMany(s => s.Lines).Select(l => l.Text)).Append('\n');
        }
        return new RadiologyReport
        {
            ClinicalHistory = History(facts, r),
            Technique = Technique(facts.Scan, r),
            Comparison = r.Pick(["None.", "None available.", "No prior imaging."]),
            Findings = findings.ToString().TrimEnd(),
            Impression = impression.Count == 0
                ? r.Pick(["No acute abnormality in the abdomen or pelvis.", "Unremarkable CT of the abdomen and pelvis.", "No acute intra-abdominal process."])
                : string.Join('\n', impression.Select((s, i) => $"{i + 1}. {s.Text}")),
            StatedTags = Merge(all),
        };
    }

    private static List<Statement> Impression(ReportFacts f, IReadOnlyDictionary<string, OrganMeasurement> sizes, Xoshiro256 r)
    {
        var lines = new List<Statement>();
        foreach (var (id, truth) in f.Truth)
        {
            var name = Catalog(id);
            foreach (var x in truth.Findings.Where(x => x.Abnormal || x.Kind == FindingKind.Removed))
            {
                var text = x.Kind switch
                {
                    FindingKind.Removed => r.Pick([$"Status post {Surgery(id)}.", $"Surgically absent {name}."]),
                    FindingKind.Enlarged when id == "spleen" => $"Splenomegaly ({Cm(sizes[id].LengthCm)} cm).",
                    FindingKind.Enlarged when id == "liver" => "Hepatomegaly.",
                    FindingKind.Enlarged => "Prostatomegaly.",
                    FindingKind.Hydronephrosis => $"{UrinaryPhrases.Upper(name.Split(' ')[0])} hydronephrosis.",
                    FindingKind.Gallstones => "Cholelithiasis.",
                    _ => LesionPhrases.Impression(x, "the " + name),
                };
                lines.Add(Statement.About(text, x.Kind == FindingKind.Removed ? OrganTag.Absent : OrganTag.Abnormal, id));
            }
        }
        if (f.Patient.Pathologies.Ascites) lines.Add(Statement.Plain("Ascites."));
        return lines;
    }

    private static string Catalog(string id) => Dicom.OrganCatalog.Get(id).DisplayName.ToLowerInvariant();

    private static string Surgery(string id) => id switch
    {
        "spleen" => "splenectomy",
        "gallbladder" => "cholecystectomy",
        "kidney_right" => "right nephrectomy",
        "kidney_left" => "left nephrectomy",
        _ => "hysterectomy",
    };

    private static string History(ReportFacts f, Xoshiro256 r)
    {
        var who = $"{f.Patient.AgeYears}-year-old {(f.Patient.Sex == Sex.Male ? "man" : "woman")}";
        var reason = f.Patient.Pathologies.Hydronephrosis is not null && r.Chance(0.6)
            ? "flank pain, evaluate for obstruction"
            : r.Pick(["abdominal pain", "right upper quadrant pain", "weight loss, evaluate for malignancy", "fever of unknown origin",
                      "follow-up imaging", "elevated inflammatory markers", "left lower quadrant pain", "abnormal liver function tests"]);
        return r.Chance(0.5) ? $"{who} with {reason}." : $"{char.ToUpperInvariant(reason[0])}{reason[1..]}.";
    }

    private static string Technique(ScanParameters s, Xoshiro256 r)
    {
        var contrast = s.Phase switch
        {
            ContrastPhase.NonContrast => "without intravenous contrast",
            ContrastPhase.Arterial => "in the arterial phase following intravenous contrast",
            _ => r.Pick(["with intravenous contrast in the portal venous phase", "following intravenous contrast (portal venous phase)"]),
        };
        return $"CT of the abdomen and pelvis was performed {contrast}. Axial images were reconstructed at {s.SliceThicknessMm:0.##} mm.";
    }

    private static Dictionary<string, OrganTag> Merge(IEnumerable<Statement> statements)
    {
        static int Rank(OrganTag t) => t switch { OrganTag.Absent => 2, OrganTag.Abnormal => 1, _ => 0 };
        var tags = new Dictionary<string, OrganTag>(StringComparer.Ordinal);
        foreach (var s in statements)
        {
            foreach (var (organ, tag) in s.Tags)
            {
                if (!tags.TryGetValue(organ, out var old) || Rank(tag) > Rank(old)) tags[organ] = tag;
            }
        }
        return tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
