using Mosmos.Phantom.Acquisition;
using Mosmos.Phantom.Randomness;
using static Mosmos.Phantom.Reports.ReportFacts;

namespace Mosmos.Phantom.Reports;

/// <summary>Sentences for focal lesions: cysts, hypo- and hyperenhancing solid lesions, with hedged wording.</summary>
internal static class LesionPhrases
{
    /// <param name="where">Where the lesion is, e.g. "the liver", "the right kidney", "the spleen".</param>
    public static string Describe(Xoshiro256 r, Finding f, string where, ContrastPhase phase)
    {
        var size = Cm(f.SizeCm);
        var hypo = phase == ContrastPhase.NonContrast ? "hypoattenuating" : "hypoenhancing";
        return f.Kind switch
        {
            FindingKind.Cyst when f.SizeCm < 1.0 => r.Pick([
                $"Subcentimeter hypodensity in {where}, too small to characterize, possibly a cyst.",
                $"A tiny {size} cm low-attenuation focus in {where}, likely a small cyst.",
            ]),
            FindingKind.Cyst => r.Pick([
                $"There is a {size} cm simple cyst in {where}.",
                $"A well-circumscribed {size} cm fluid-attenuation lesion in {where}, compatible with a cyst.",
                $"{size} cm cyst in {where} without enhancing components.",
            ]),
            FindingKind.SolidHypo => r.Pick([
                $"A {size} cm {hypo} lesion in {where}, suspicious for metastasis.",
                $"Ill-defined {hypo} mass in {where} measuring {size} cm; neoplasm is not excluded.",
                $"{Upper(hypo)} solid lesion of {size} cm in {where}, possibly metastatic.",
            ]),
            _ when phase == ContrastPhase.Arterial => r.Pick([
                $"A {size} cm arterially hyperenhancing lesion in {where}.",
                $"Avidly enhancing {size} cm solid lesion in {where}, possible hypervascular neoplasm.",
            ]),
            _ => r.Pick([
                $"A {size} cm solid lesion in {where}, indeterminate; further characterization with MRI is suggested.",
                $"Indeterminate {size} cm soft-tissue density lesion in {where}.",
            ]),
        };
    }

    public static string Impression(Finding f, string where) => f.Kind switch
    {
        FindingKind.Cyst => $"Simple cyst in {where}.",
        FindingKind.SolidHypo => $"{Cm(f.SizeCm)} cm lesion in {where}, suspicious for metastasis.",
        _ => $"{Cm(f.SizeCm)} cm solid enhancing lesion in {where}; further evaluation recommended.",
    };

    private static string Upper(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
