using Mosmos.Datasets;
using Mosmos.Phantom.Randomness;
using static Mosmos.Phantom.Reports.ReportFacts;

namespace Mosmos.Phantom.Reports;

/// <summary>
/// Liver, gallbladder, spleen and pancreas. A removed or abnormal organ is always reported; a normal one is
/// sometimes left out, as radiologists do. Sentences that say "normal" are only chosen when nothing is wrong.
/// </summary>
internal static class AbdominalPhrases
{
    public static IEnumerable<Statement> Liver(ReportFacts f, Xoshiro256 r)
    {
        if (!f.Visible("liver")) yield break;
        var t = f["liver"];
        var lesions = t.Findings.Where(IsLesion).ToList();
        if (t.Findings.FirstOrDefault(x => x.Kind == FindingKind.Enlarged) is { } big)
            yield return Statement.About(r.Pick([
                $"The liver is enlarged, measuring {Cm(big.SizeCm)} cm craniocaudally.",
                $"Hepatomegaly, with a craniocaudal span of {Cm(big.SizeCm)} cm.",
                $"Enlarged liver ({Cm(big.SizeCm)} cm) with homogeneous attenuation.",
            ]), OrganTag.Abnormal, "liver");
        else if (lesions.Count > 0 || r.Chance(0.95))
            yield return Statement.About(lesions.Count > 0
                ? r.Pick(["The liver is normal in size.", "No hepatomegaly.", "Normal liver size and contour."])
                : r.Pick([
                    "The liver is normal in size and attenuation.", "Normal liver size and contour without focal lesion.",
                    "No hepatomegaly.", "Liver: unremarkable.", "The hepatic parenchyma is homogeneous.",
                    f.Contrast ? "Homogeneous hepatic enhancement." : "Homogeneous hepatic attenuation.",
                ]), OrganTag.Present, "liver");
        foreach (var lesion in lesions)
            yield return Statement.About(LesionPhrases.Describe(r, lesion, r.Pick(["the liver", "the hepatic parenchyma", "the liver"]), f.Scan.Phase),
                OrganTag.Abnormal, "liver");
        if (lesions.Count == 0 && r.Chance(0.4))
            yield return Statement.About(r.Pick(["No focal hepatic lesion.", "No focal liver lesion is identified."]), OrganTag.Present, "liver");
        if (r.Chance(0.4))
            yield return Statement.About("No intrahepatic or extrahepatic biliary ductal dilatation.", OrganTag.Present, "liver");
    }

    public static IEnumerable<Statement> Gallbladder(ReportFacts f, Xoshiro256 r)
    {
        if (f.Removed("gallbladder"))
            yield return Statement.About(r.Pick([
                "Status post cholecystectomy.", "Surgically absent gallbladder.", "The gallbladder has been removed.",
                "Post-cholecystectomy state.", "Gallbladder: surgically absent.",
            ]), OrganTag.Absent, "gallbladder");
        else if (!f.Visible("gallbladder")) yield break;
        else if (f["gallbladder"].Findings.Any(x => x.Kind == FindingKind.Gallstones))
            yield return Statement.About(r.Pick([
                "Cholelithiasis without evidence of cholecystitis.", "Multiple gallstones within the GB.",
                "Gallstones are present in the gallbladder; no pericholecystic fluid.",
            ]), OrganTag.Abnormal, "gallbladder");
        else if (r.Chance(0.88))
            yield return Statement.About(r.Pick([
                "The gallbladder is unremarkable.", "GB unremarkable.", "Normal gallbladder.", "No gallstones.",
                "No cholelithiasis.", "Gallbladder is well distended without wall thickening.", "The gall bladder is normal.",
            ]), OrganTag.Present, "gallbladder");
    }

    public static IEnumerable<Statement> Spleen(ReportFacts f, Xoshiro256 r, IReadOnlyDictionary<string, Rendering.OrganMeasurement> sizes)
    {
        if (f.Removed("spleen"))
        {
            yield return Statement.About(r.Pick([
                "Status post splenectomy.", "The spleen has been surgically removed.",
                "Absent spleen, consistent with prior splenectomy.", "Splenectomy.",
            ]), OrganTag.Absent, "spleen");
            yield break;
        }
        if (!f.Visible("spleen")) yield break;
        var t = f["spleen"];
        var lesions = t.Findings.Where(IsLesion).ToList();
        var length = Cm(sizes["spleen"].LengthCm);
        if (t.Findings.Any(x => x.Kind == FindingKind.Enlarged))
            yield return Statement.About(r.Pick([
                $"Splenomegaly, the spleen measuring {length} cm.", $"The spleen is enlarged at {length} cm.",
                $"Enlarged spleen ({length} cm).",
            ]), OrganTag.Abnormal, "spleen");
        else if (lesions.Count > 0 || r.Chance(0.92))
            yield return Statement.About(r.Pick<string>(lesions.Count > 0
                ? [$"The spleen measures {length} cm.", "No splenomegaly.", "Normal splenic size."]
                : [$"The spleen is normal in size ({length} cm).", $"Spleen measures {length} cm, within normal limits.",
                   "No splenomegaly.", "Unremarkable spleen.", "Normal splenic size and attenuation."]), OrganTag.Present, "spleen");
        foreach (var lesion in lesions)
            yield return Statement.About(LesionPhrases.Describe(r, lesion, r.Pick(["the spleen", "the splenic parenchyma"]), f.Scan.Phase),
                OrganTag.Abnormal, "spleen");
    }

    public static IEnumerable<Statement> Pancreas(ReportFacts f, Xoshiro256 r)
    {
        if (!f.Visible("pancreas")) yield break;
        if (f["pancreas"].Findings.Any(x => x.Kind == FindingKind.AgeAtrophy))
            yield return Statement.About(r.Pick(["Age-appropriate fatty atrophy of the pancreas.", "The pancreas is atrophic, in keeping with age."]),
                OrganTag.Present, "pancreas");
        else if (r.Chance(0.88))
            yield return Statement.About(r.Pick([
                "The pancreas is unremarkable.", "Normal pancreas without ductal dilatation.",
                "No pancreatic mass or peripancreatic inflammation.", "Pancreas: normal.",
            ]), OrganTag.Present, "pancreas");
    }

    internal static bool IsLesion(Finding x) => x.Kind is FindingKind.Cyst or FindingKind.SolidHypo or FindingKind.SolidHyper;
}
