using System.Globalization;
using Mosmos.Contracts;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Training;
using Spectre.Console;

namespace Mosmos.Trainer.Cli;

/// <summary>
/// <c>export RUN|CHECKPOINT --out model.onnx [--name NAME] [--version VERSION] [--overlap F] [--probabilities fp32|fp16]
/// [--training-data TEXT] [--attention-output] [--largest-component] [--fill-holes]</c>. <c>--probabilities fp16</c>
/// halves what a model server returns per patch (the default model is exported so). <c>--training-data</c> describes
/// the data in the card (default: the folder the run was trained on, which may mean nothing on another machine).
/// A MOSMOS network's card lists its tags and λ; <c>--attention-output</c> adds the attention maps as output
/// <c>attention</c> and names it in the card. <c>--largest-component</c> and <c>--fill-holes</c> set the card's
/// post-processing, which the worker and <c>evaluate</c> then apply per organ.
/// </summary>
public static class ExportCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "attention-output", "largest-component", "fill-holes" };

    public static int Run(Arguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Positional.Count != 1) throw new UsageException("export needs exactly one RUN or checkpoint folder");
        var output = a.Required("out");
        var name = a.Optional("name") ?? "mosmos-unet";
        var version = a.Optional("version");
        var overlap = a.Number("overlap") ?? 0.25;
        var probabilities = a.Optional("probabilities") switch
        {
            null or "fp32" => ProbabilityPrecision.Fp32,
            "fp16" => ProbabilityPrecision.Fp16,
            var other => throw new UsageException($"--probabilities must be fp32 or fp16, not '{other}'"),
        };
        var trainingData = a.Optional("training-data");
        var attentionOutput = a.Flag("attention-output");
        var postProcessing = new PostProcessing { LargestComponent = a.Flag("largest-component"), FillHoles = a.Flag("fill-holes") };
        a.ThrowOnUnused();
        var checkpoint = Checkpoint.Resolve(a.Positional[0]);
        using var model = Checkpoint.LoadModel(checkpoint, out var state);
        var card = CardFor(state, name, version ?? $"1.0.{state.Step.ToString(CultureInfo.InvariantCulture)}", overlap) with { PostProcessing = postProcessing };
        if (trainingData is not null)
            card = card with { Training = card.Training! with { Data = trainingData } };
        if (attentionOutput)
        {
            if (state.Network.TagHead is null) throw new UsageException("--attention-output needs a network fine-tuned from a pretrain run (it has no tag decoder)");
            card = card with { AttentionOutputName = "attention" };
        }
        OnnxExporter.Write(model, card, output, probabilities);
        AnsiConsole.MarkupLineInterpolated($"Wrote {output} ({new FileInfo(output).Length} bytes): {card.Name} {card.Version}, step {state.Step}");
        return 0;
    }

    public static ModelCard CardFor(CheckpointState state, string name, string version, double overlap)
    {
        ArgumentNullException.ThrowIfNull(state);
        var o = state.Options;
        return new ModelCard
        {
            Name = name,
            Version = version,
            Modality = "CT",
            Labels = state.Labels,
            SpacingMm = [o.SpacingMm, o.SpacingMm, o.SpacingMm],
            Intensity = o.Intensity,
            PatchSize = [o.Patch, o.Patch, o.Patch],
            Overlap = overlap,
            Tags = state.Network.TagHead?.Tags ?? [],
            Training = new TrainingSummary
            {
                Data = state.DatasetFolder,
                Lambda = state.Network.TagHead is null ? null : o.AlignWeight,
                Command = string.Create(CultureInfo.InvariantCulture,
                    $"finetune --steps {o.Steps} --patch {o.Patch} --spacing {o.SpacingMm} --seed {o.Seed} --batch {o.BatchSize} --widths {string.Join(',', o.Widths)}{(state.Network.TagHead is null ? "" : $" --init PRETRAIN_RUN --align-weight {o.AlignWeight}")}"),
            },
        };
    }
}
