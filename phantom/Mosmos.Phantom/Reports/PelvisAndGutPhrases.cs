using Mosmos.Datasets;
using Mosmos.Phantom.Randomness;
using Mosmos.Phantom.Rendering;
using static Mosmos.Phantom.Reports.ReportFacts;

namespace Mosmos.Phantom.Reports;

/// <summary>Stomach, duodenum, oesophagus, aorta and IVC (often unmentioned), bladder, prostate, uterus.</summary>
internal static class PelvisAndGutPhrases
{
    public static IEnumerable<Statement> Gut(ReportFacts f, Xoshiro256 r)
    {
        bool stomach = f.Visible("stomach"), duodenum = f.Visible("duodenum");
        if (stomach && duodenum && r.Chance(0.3))
            yield return Statement.About(r.Pick(["The stomach and duodenum are unremarkable.", "Normal appearance of the stomach and duodenal sweep."]),
                OrganTag.Present, "stomach", "duodenum");
        else
        {
            if (stomach && r.Chance(0.5))
                yield return Statement.About(r.Pick([
                    "The stomach is unremarkable.", "No gastric wall thickening.",
                    "Stomach partially distended with fluid and air, otherwise normal.",
                ]), OrganTag.Present, "stomach");
            if (duodenum && r.Chance(0.3))
                yield return Statement.About(r.Pick(["The duodenum is unremarkable.", "Normal duodenal sweep.", "No duodenal wall thickening."]),
                    OrganTag.Present, "duodenum");
        }
        if (f.Visible("esophagus") && r.Chance(0.3))
            yield return Statement.About(r.Pick(["The distal esophagus is unremarkable.", "Normal distal oesophagus.", "No distal esophageal wall thickening."]),
                OrganTag.Present, "esophagus");
        yield return Statement.Plain(r.Pick([
            "Bowel loops are normal in caliber without obstruction.", "No bowel obstruction.",
            "Small and large bowel are unremarkable.", "Normal caliber small bowel loops.",
        ]));
    }

    public static IEnumerable<Statement> Vessels(ReportFacts f, Xoshiro256 r)
    {
        bool aorta = f.Visible("aorta"), ivc = f.Visible("inferior_vena_cava");
        if (aorta && ivc && r.Chance(0.35))
        {
            yield return Statement.About(r.Pick(["The aorta and IVC are normal in caliber.", "Normal caliber abdominal aorta and IVC."]),
                OrganTag.Present, "aorta", "inferior_vena_cava");
            yield break;
        }
        if (aorta && r.Chance(0.55))
            yield return Statement.About(r.Pick<string>(f.Patient.AgeYears > 60
                ? ["Mild atherosclerotic calcification of a normal-caliber abdominal aorta.", "No abdominal aortic aneurysm."]
                : ["The abdominal aorta is normal in caliber.", "No abdominal aortic aneurysm.", "Aorta: normal caliber."]), OrganTag.Present, "aorta");
        if (ivc && r.Chance(0.3))
            yield return Statement.About(r.Pick(["The IVC is unremarkable.", "Patent inferior vena cava.", "The inferior vena cava is normal in caliber."]),
                OrganTag.Present, "inferior_vena_cava");
    }

    public static IEnumerable<Statement> Pelvis(ReportFacts f, Xoshiro256 r, IReadOnlyDictionary<string, OrganMeasurement> sizes)
    {
        if (f.Visible("urinary_bladder") && r.Chance(0.8))
            yield return Statement.About(f["urinary_bladder"].Findings.Any(x => x.Kind == FindingKind.Decompressed)
                ? r.Pick(["The urinary bladder is decompressed, limiting evaluation.", "Underdistended bladder, otherwise unremarkable."])
                : r.Pick(["The urinary bladder is unremarkable.", "Bladder: normal.", "The bladder is well distended and unremarkable.",
                          "Urinary bladder appears normal."]), OrganTag.Present, "urinary_bladder");
        if (f.Visible("prostate"))
        {
            var length = Cm(sizes["prostate"].LengthCm);
            if (f["prostate"].Tag == OrganTag.Abnormal)
                yield return Statement.About(r.Pick([$"The prostate is enlarged, measuring {length} cm.", $"Prostatomegaly ({length} cm).",
                    "Enlarged prostate gland."]), OrganTag.Abnormal, "prostate");
            else if (r.Chance(0.6))
                yield return Statement.About(r.Pick(["The prostate is normal in size.", "Prostate unremarkable.", "Normal prostate gland."]),
                    OrganTag.Present, "prostate");
        }
        if (f.Removed("uterus"))
            yield return Statement.About(r.Pick(["Status post hysterectomy.", "The uterus is surgically absent.",
                "Uterus not visualized, consistent with prior hysterectomy."]), OrganTag.Absent, "uterus");
        else if (f.Visible("uterus"))
        {
            if (f["uterus"].Findings.Any(x => x.Kind == FindingKind.AgeAtrophy))
                yield return Statement.About(r.Pick(["The uterus is small and atrophic, consistent with age.", "Postmenopausal uterus."]),
                    OrganTag.Present, "uterus");
            else if (r.Chance(0.65))
                yield return Statement.About(r.Pick(["The uterus is unremarkable.", "Normal uterus.", "Uterus and adnexa are unremarkable."]),
                    OrganTag.Present, "uterus");
        }
    }

    /// <summary>Sentences about things that are not catalog organs: fluid, nodes, bones, lung bases.</summary>
    public static IEnumerable<Statement> Other(ReportFacts f, Xoshiro256 r)
    {
        yield return Statement.Plain(f.Patient.Pathologies.Ascites
            ? r.Pick(["Small volume ascites.", "Moderate ascites in the perihepatic space and pelvis.", "Free fluid is present in the abdomen and pelvis."])
            : r.Pick(["No ascites.", "No free fluid.", "No free air or fluid."]));
        if (r.Chance(0.6))
            yield return Statement.Plain(r.Pick(["No lymphadenopathy.", "No retroperitoneal or mesenteric lymphadenopathy."]));
        if (r.Chance(0.5)) yield return Statement.Plain("The visualized lung bases are clear.");
        yield return Statement.Plain(f.Patient.AgeYears > 55
            ? r.Pick(["Degenerative changes of the lumbar spine.", "Multilevel degenerative disc disease."])
            : r.Pick(["No acute osseous abnormality.", "Osseous structures are unremarkable."]));
    }
}
