using Mosmos.Contracts;
using Mosmos.InferenceWorker.Pipeline;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>One attempt of a job: its source, a lease on its model, the pipeline; the completion event on success.</summary>
internal sealed class SegmentationJob(DicomWebSources sources, ModelCards models, SegmentationPipeline pipeline)
{
    public async Task<SegmentationCompleted> RunAsync(SegmentSeries job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var source = sources.Get(job.SourceServer);
        using var lease = models.Rent(job.ModelId);
        var clock = new StageClock();
        var output = await pipeline.RunAsync(source, job, lease.Model.Card, clock, cancellationToken).ConfigureAwait(false);
        return new SegmentationCompleted(job.JobId, job.IdempotencyKey, job.StudyInstanceUid, job.SeriesInstanceUid,
            output.SegSopInstanceUid, output.Sr.SopInstanceUid, job.ModelId, output.Organs, clock.Timings, job.SupersedesKey)
        {
            AttentionSegSopInstanceUid = output.Attention?.SopInstanceUid,
        };
    }
}
