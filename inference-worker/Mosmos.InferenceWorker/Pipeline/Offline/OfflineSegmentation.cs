using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using Mosmos.Contracts;
using Mosmos.Dicom;
using Mosmos.Dicom.Imaging;
using Mosmos.InferenceWorker.Jobs;

namespace Mosmos.InferenceWorker.Pipeline.Offline;

/// <summary>
/// The offline <c>segment</c> run: waits until the host (and its in-process model server) has started, reads the
/// folder's Part 10 files into a volume, runs the same pipeline stages as a job, writes seg.dcm and sr.dcm (and
/// attention.dcm for a MOSMOS model with an attention output), prints a
/// summary, sets the exit code (0 done, 1 refused or failed, 2 usage) and stops the host.
/// </summary>
internal sealed class OfflineSegmentation(IOptions<OfflineOptions> options, SegmentationPipeline pipeline, ModelCards models,
    Mosmos.InferenceWorker.Model.Registry.ModelRegistry registry, IHostApplicationLifetime lifetime, ILogger<OfflineSegmentation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken).ConfigureAwait(false);
            Environment.ExitCode = await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(o, new ValidationContext(o), errors, validateAllProperties: true))
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors.Select(e => "segment: " + e.ErrorMessage).Append(OfflineCommandLine.Usage)))
                .ConfigureAwait(false);
            return 2;
        }
        try
        {
            using var lease = models.RentDefault();
            var card = lease.Model.Card;
            var clock = new StageClock();
            var series = clock.Time("volume", () => SeriesVolumeBuilder.FromPart10Files(Part10Files(o.Input!), pipeline.VolumeOptions(card)));
            var key = IdempotencyKeys.For(series.Layout.SeriesInstanceUid, series.Slices.Select(s => s.SopInstanceUid).Distinct(), $"{card.Name}@{card.Version}");
            var output = await pipeline.SegmentVolumeAsync(series, card, new SegmentationIdentity(key, null), clock, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(o.Output!);
            if (output.Seg is { } seg)
                DicomWriter.Write(Path.Combine(o.Output!, "seg.dcm"), seg.Dataset);
            if (output.Attention is { } attention)
                DicomWriter.Write(Path.Combine(o.Output!, "attention.dcm"), attention.Dataset);
            DicomWriter.Write(Path.Combine(o.Output!, "sr.dcm"), output.Sr.Dataset);
            JobLog.OfflineWritten(logger, o.Input!, o.Output!, output.SegSopInstanceUid, output.Sr.SopInstanceUid);
            await Console.Out.WriteLineAsync(Summary(output, clock, o.Output!)).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = JobFailure.From(e, timedOut: false, TimeSpan.Zero);
            JobLog.OfflineFailed(logger, o.Input!, failure.Reason, failure.Message);
            await Console.Error.WriteLineAsync($"segment: {failure.Reason}: {failure.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Files with the Part 10 preamble marker ("DICM" at byte 128, PS3.10 §7.1); DICOMDIR and others are skipped.</summary>
    internal static IReadOnlyList<string> Part10Files(string folder)
    {
        var marker = "DICM"u8;
        var head = new byte[132];
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan(128, 4).SequenceEqual(marker)
                && !string.Equals(Path.GetFileName(path), "DICOMDIR", StringComparison.OrdinalIgnoreCase))
                files.Add(path);
        }
        return files.Count > 0 ? files : throw SegmentationException.Rejected(FailureReason.TooFewSlices, $"{folder} holds no DICOM Part 10 files");
    }

    private async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!registry.IsReady)
            throw new InvalidOperationException("the model registry is not ready after start-up");
    }

    private static string Summary(SegmentationOutput output, StageClock clock, string folder)
    {
        var lines = new List<string> { $"SEG {(output.Seg is null ? "not written (no organ found)" : output.SegSopInstanceUid)}", $"SR  {output.Sr.SopInstanceUid}" };
        if (output.Attention is { } attention)
            lines.Add($"attention SEG {attention.SopInstanceUid} ({attention.Segments.Count} tag(s), {attention.NumberOfFrames} frames)");
        lines.AddRange(output.Organs.Select(o => string.Create(CultureInfo.InvariantCulture, $"  {o.OrganId,-24} {o.VolumeMl,10:F1} ml  mean {o.MeanHu,8:F1} HU")));
        lines.Add(string.Join("  ", clock.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Milliseconds:F0} ms"))));
        lines.Add($"written to {folder}");
        return string.Join(Environment.NewLine, lines);
    }
}
