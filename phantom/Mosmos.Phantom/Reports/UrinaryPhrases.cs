using Mosmos.Datasets;
using Mosmos.Phantom.Randomness;
using Mosmos.Phantom.Rendering;
using static Mosmos.Phantom.Reports.ReportFacts;

namespace Mosmos.Phantom.Reports;

/// <summary>Adrenals and kidneys: group mentions ("the kidneys are unremarkable"), sides, abbreviations, absence.</summary>
internal static class UrinaryPhrases
{
    private static readonly (string Id, string Side, string Short)[] Kidneys = [("kidney_right", "right", "R"), ("kidney_left", "left", "L")];

    public static IEnumerable<Statement> Adrenals(ReportFacts f, Xoshiro256 r)
    {
        const string right = "adrenal_gland_right", left = "adrenal_gland_left";
        bool rv = f.Visible(right), lv = f.Visible(left);
        if (!r.Chance(0.75) || !(rv || lv)) yield break;
        if (rv && lv && r.Chance(0.8))
        {
            yield return Statement.About(r.Pick([
                "The adrenal glands are normal.", "Adrenals unremarkable.", "Bilateral adrenal glands are normal in thickness.",
                "No adrenal nodule.", "Both adrenals are normal.",
            ]), OrganTag.Present, right, left);
            yield break;
        }
        if (rv) yield return Statement.About(r.Pick(["The right adrenal gland is normal.", "Right adrenal: unremarkable."]), OrganTag.Present, right);
        if (lv) yield return Statement.About(r.Pick(["The left adrenal gland is normal.", "Left adrenal: unremarkable."]), OrganTag.Present, left);
    }

    public static IEnumerable<Statement> KidneysFor(ReportFacts f, Xoshiro256 r, IReadOnlyDictionary<string, OrganMeasurement> sizes)
    {
        foreach (var (id, side, _) in Kidneys)
        {
            if (f.Removed(id))
                yield return Statement.About(r.Pick([
                    $"Status post {side} nephrectomy.", $"The {side} kidney is surgically absent.",
                    $"Post-surgical absence of the {side} kidney.", $"{Upper(side)} renal fossa is empty following nephrectomy.",
                ]), OrganTag.Absent, id);
        }
        var present = Kidneys.Where(k => f.Visible(k.Id)).ToList();
        if (present.Count == 2 && f.Normal("kidney_right") && f.Normal("kidney_left"))
        {
            if (!r.Chance(0.95)) yield break;
            var (rl, ll) = (Cm(sizes["kidney_right"].LengthCm), Cm(sizes["kidney_left"].LengthCm));
            yield return Statement.About(r.Pick([
                "The kidneys are unremarkable.", "Kidneys: normal; no hydronephrosis.", "No hydronephrosis or renal calculi.",
                $"Normal renal size bilaterally (right {rl} cm, left {ll} cm).",
                f.Contrast ? "Both kidneys are normal in size and enhance symmetrically." : "Both kidneys are normal in size without calculi.",
            ]), OrganTag.Present, "kidney_right", "kidney_left");
            yield break;
        }
        var solitary = present.Count == 1 && (f.Removed("kidney_right") || f.Removed("kidney_left"));
        foreach (var (id, side, abbreviation) in present)
        {
            var t = f[id];
            var length = Cm(sizes[id].LengthCm);
            if (t.Tag == OrganTag.Present)
            {
                yield return Statement.About(solitary
                    ? r.Pick([$"The solitary {side} kidney is unremarkable.", $"The remaining {side} kidney measures {length} cm and is normal."])
                    : r.Pick([$"The {side} kidney is unremarkable.", $"{Upper(side)} kidney measures {length} cm and is normal.",
                              $"Normal {side} kidney.", $"{abbreviation} kidney unremarkable.", $"No {side} hydronephrosis."]), OrganTag.Present, id);
                continue;
            }
            if (t.Findings.Any(x => x.Kind == FindingKind.Hydronephrosis))
                yield return Statement.About(r.Pick([
                    $"Moderate {side} hydronephrosis.", $"Dilated {side} renal pelvis and calyces, consistent with hydronephrosis.",
                    $"{Upper(side)} hydronephrosis with a dilated extrarenal pelvis.",
                ]), OrganTag.Abnormal, id);
            foreach (var lesion in t.Findings.Where(AbdominalPhrases.IsLesion))
                yield return Statement.About(LesionPhrases.Describe(r, lesion, $"the {side} kidney", f.Scan.Phase), OrganTag.Abnormal, id);
        }
    }

    internal static string Upper(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
