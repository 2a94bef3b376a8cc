using System.Globalization;
using System.Text;
using Mosmos.Trainer.Reporting;

namespace Mosmos.Trainer.Evaluation;

/// <summary>Writes <c>evaluation.md</c> (per case and per organ) and <c>dice.png</c> (mean Dice per organ).</summary>
public static class EvaluationReport
{
    public static IReadOnlyDictionary<string, double> Write(string folder, string modelPath, string dataPath, IReadOnlyList<CaseEvaluation> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        Directory.CreateDirectory(folder);
        var organs = cases.SelectMany(c => c.Organs.Keys).Distinct().ToList();
        var inv = CultureInfo.InvariantCulture;
        static double Mean(IEnumerable<double> v) { var f = v.Where(double.IsFinite).ToList(); return f.Count == 0 ? double.NaN : f.Average(); }
        string F(double v, string fmt) => double.IsFinite(v) ? v.ToString(fmt, inv) : "n/a";

        var md = new StringBuilder();
        md.AppendLine("# Evaluation").AppendLine();
        md.AppendLine(inv, $"Model `{modelPath}`, data `{dataPath}`, {cases.Count} labelled cases. Metrics on each case's source grid; ");
        md.AppendLine("HD95 = max of the two directed 95th-percentile surface distances (mm); volume error = predicted − true.").AppendLine();
        md.AppendLine("| organ | mean Dice | min Dice | mean HD95 (mm) | mean volume error (mL) | mean relative volume error |");
        md.AppendLine("|---|---|---|---|---|---|");
        var meanDice = new Dictionary<string, double>();
        foreach (var o in organs)
        {
            var rows = cases.Where(c => c.Organs.ContainsKey(o)).Select(c => c.Organs[o]).ToList();
            meanDice[o] = Mean(rows.Select(r => r.Dice));
            md.AppendLine(inv, $"| {o} | {F(meanDice[o], "F3")} | {F(rows.Min(r => r.Dice), "F3")} | {F(Mean(rows.Select(r => r.Hd95Mm)), "F1")} | {F(Mean(rows.Select(r => r.VolumeErrorMl)), "F1")} | {F(Mean(rows.Select(r => r.RelativeVolumeError)), "P1")} |");
        }
        md.AppendLine().AppendLine(inv, $"Mean Dice over organs: **{F(Mean(meanDice.Values), "F3")}**").AppendLine();
        md.AppendLine("## Per case").AppendLine();
        md.AppendLine("| case | " + string.Join(" | ", organs) + " |");
        md.AppendLine("|---|" + string.Concat(organs.Select(_ => "---|")));
        foreach (var c in cases)
            md.AppendLine($"| {c.CaseId} | " + string.Join(" | ", organs.Select(o => c.Organs.TryGetValue(o, out var m) ? F(m.Dice, "F3") : "")) + " |");
        md.AppendLine().AppendLine("![mean Dice per organ, in table order; red line = 0.90](dice.png)").AppendLine();
        md.AppendLine("Overlays (`overlays/CASE.png`): the axial slice through the centre of the ground truth, prediction left, truth right.");
        File.WriteAllText(Path.Combine(folder, "evaluation.md"), md.ToString());
        Charts.DiceBars(Path.Combine(folder, "dice.png"), organs, [.. organs.Select(o => meanDice[o])]);
        return meanDice;
    }
}
