using System.Globalization;
using Mosmos.Datasets;
using Mosmos.Trainer.Evaluation;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary><c>evaluate --model FILE --data DIR [--out DIR]</c>: per-organ Dice, HD95, volume error; Markdown + PNG.</summary>
public static class EvaluateCommand
{
    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var modelPath = a.Required("model");
        var dataPath = a.Required("data");
        var output = a.Optional("out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "evaluation");
        a.ThrowOnUnused();
        var dataset = Dataset.Open(dataPath);
        using var predictor = new SlidingWindowPredictor(modelPath);
        var results = new List<CaseEvaluation>();
        var total = dataset.Cases.Count(c => c.LabelFile is not null);
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("evaluating", maxValue: Math.Max(1, total));
            foreach (var r in Evaluator.Run(predictor, dataset, Path.Combine(output, "overlays")))
            {
                results.Add(r);
                task.Increment(1);
            }
        });
        var meanDice = EvaluationReport.Write(output, modelPath, dataPath, results);
        var table = new Table().AddColumns("organ", "mean Dice");
        foreach (var (organ, dice) in meanDice) table.AddRow(organ, dice.ToString("F3", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Report: {Path.Combine(output, "evaluation.md")}");
        return 0;
    }
}
