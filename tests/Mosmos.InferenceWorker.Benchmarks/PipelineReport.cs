using System.Globalization;
using System.Text;
using Mosmos.Benchmarks;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Benchmarks;

/// <summary>The Markdown of the "Inference pipeline" section: stage table, totals against the goals, gRPC overhead.</summary>
internal static class PipelineReport
{
    public static string Write(PipelineOptions options, string machine, ModelCard card, byte[] model, PhantomUpload study, IReadOnlyList<JobRun> runs,
        long peakRss, IReadOnlyList<GrpcOverhead.Row> overhead, Goals goals)
    {
        var c = CultureInfo.InvariantCulture;
        var stages = runs[0].Completed.Timings.Select(t => t.Stage).Distinct().ToList();
        var rows = new StringBuilder();
        rows.AppendLine("| stage | median s | min s |").AppendLine("|---|---:|---:|");
        foreach (var stage in stages)
            Row(rows, stage, runs.Select(r => r.StageSeconds(stage)).ToList());
        Row(rows, "**total: job received → SEG + SR stored**", runs.Select(r => r.TotalSeconds).ToList());
        bool measured = runs.All(r => r.ModelSeconds is not null);
        if (measured)
        {
            Row(rows, "model (ModelInfer inside the server: ONNX Runtime)", runs.Select(r => r.ModelSeconds!.Value).ToList());
            Row(rows, "inference stage outside the model (patches, gRPC, blending, argmax)",
                runs.Select(r => r.StageSeconds("inference") - r.ModelSeconds!.Value).ToList());
        }
        Row(rows, measured ? "**outside the model** (total − model)" : "**outside the model** (total − inference stage; /metrics unavailable)",
            runs.Select(r => r.OutsideModelSeconds).ToList());
        Row(rows, "bench side: publish → SegmentationCompleted received", runs.Select(r => r.WallSeconds).ToList());

        double total = GrpcOverhead.Median(runs.Select(r => r.TotalSeconds).ToList());
        double outside = GrpcOverhead.Median(runs.Select(r => r.OutsideModelSeconds).ToList());
        string Verdict(bool met) => met ? "met" : "**missed**";
        var modelFile = Path.GetRelativePath(options.Root, options.Model);
        var organs = runs[^1].Completed.Organs.Count;
        return string.Create(c, $"""
            Command: `./mosmos bench pipeline --model {modelFile} --runs {options.Runs}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC).

            Machine: {machine}; after: {Machine.LoadAverage()}.

            Study: phantom seed {options.Seed}, {study.Describe()}, 200 single-frame Explicit VR LE instances in a real Orthanc
            (the script's own services). Model: {card.Name} {card.Version}, patch {string.Join('×', card.PatchSize)}, spacing
            {string.Join('×', card.SpacingMm)} mm, {card.Labels.Count} organs, overlap {card.Overlap}; ONNX Runtime CPU, intra-op threads =
            cores. Worker: `dotnet Mosmos.InferenceWorker.dll` as its own process on RabbitMQ, the model called in-process over the Open
            Inference Protocol (Unix socket); {runs.Count} timed jobs after one warm-up job, each with a new idempotency key (a new SEG + SR
            stored every time). Stage times are the worker's own (SegmentationCompleted); the model's time is the worker's
            `mosmos.model.infer.duration` histogram read from its `/metrics` before and after each job. The model found {organs} organs.

            {rows}
            Peak RSS of the worker process (VmHWM, warm-up included): **{peakRss / 1e9:F2} GB**.

            Goals (DESIGN §6): total ≤ {goals.TotalSeconds} s: {Verdict(total <= goals.TotalSeconds)} ({total:F2} s);
            outside the model ≤ {goals.OutsideSeconds} s: {Verdict(outside <= goals.OutsideSeconds)} ({outside:F2} s);
            peak RSS ≤ {goals.PeakRssBytes / 1e9:F2} GB: {Verdict(peakRss <= goals.PeakRssBytes)}.

            gRPC overhead, {GrpcOverhead.Describe(card, model, options.Rounds)}: the three calls alternate within each round, so background load hits
            them alike; overhead = median of the per-round differences to the direct call.

            {GrpcOverhead.Table(overhead)}
            """);
    }

    private static void Row(StringBuilder rows, string name, IReadOnlyList<double> seconds) =>
        rows.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {GrpcOverhead.Median(seconds):F3} | {seconds.Min():F3} |"));
}
