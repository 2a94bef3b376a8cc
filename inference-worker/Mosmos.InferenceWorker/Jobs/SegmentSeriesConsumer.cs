using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// Runs a <see cref="SegmentSeries"/> job (DESIGN §1 step 3): SegmentationStarted at every attempt, then
/// SegmentationCompleted, or SegmentationFailed — at once for a permanent failure (the message is then consumed:
/// retrying bad input cannot help), and only on the last attempt for a transient one, whose exception is rethrown
/// so the endpoint's immediate retries, delayed redelivery and finally the error queue take it
/// (<see cref="SegmentSeriesConsumerDefinition"/>). Each attempt is bounded by <see cref="JobsOptions.Timeout"/>.
/// </summary>
internal sealed partial class SegmentSeriesConsumer(SegmentationJob runner, IOptions<JobsOptions> options, TimeProvider clock,
    ILogger<SegmentSeriesConsumer> logger) : IConsumer<SegmentSeries>
{
    public async Task Consume(ConsumeContext<SegmentSeries> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.Message;
        var settings = options.Value;
        var attempt = JobAttempt.Of(context, settings);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["JobId"] = job.JobId,
            ["StudyInstanceUid"] = job.StudyInstanceUid,
            ["SeriesInstanceUid"] = job.SeriesInstanceUid,
        });
        using var activity = JobTracing.Source.StartActivity("SegmentSeries");
        activity?.SetTag("mosmos.job_id", job.JobId).SetTag("mosmos.attempt", attempt.Number).SetTag("mosmos.model_id", job.ModelId)
            .SetTag("dicom.study_instance_uid", job.StudyInstanceUid).SetTag("dicom.series_instance_uid", job.SeriesInstanceUid);
        JobLog.Started(logger, job.JobId, attempt.Number, job.ModelId, job.SupersedesKey is not null);
        await context.Publish(new SegmentationStarted(job.JobId, job.IdempotencyKey, attempt.Number, Environment.MachineName, clock.GetUtcNow()))
            .ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(settings.Timeout);
        SegmentationCompleted completed;
        try
        {
            completed = await runner.RunAsync(job, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            var failure = JobFailure.From(e, timeout.IsCancellationRequested, settings.Timeout);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Reason.ToString());
            if (failure.Permanent)
            {
                JobLog.Rejected(logger, job.JobId, failure.Reason, failure.Message);
                await PublishFailed(context, failure, attempt).ConfigureAwait(false);
                return;
            }
            if (!attempt.IsLast)
            {
                JobLog.AttemptFailed(logger, job.JobId, attempt.Number, JobAttempt.Total(settings), failure.Reason, e);
                throw;
            }
            JobLog.Failed(logger, job.JobId, attempt.Number, failure.Reason, e);
            await PublishFailed(context, failure, attempt).ConfigureAwait(false);
            throw;
        }
        activity?.SetTag("dicom.seg_sop_instance_uid", completed.SegSopInstanceUid).SetTag("dicom.sr_sop_instance_uid", completed.SrSopInstanceUid);
        await context.Publish(completed).ConfigureAwait(false);
        JobLog.Completed(logger, job.JobId, completed.SegSopInstanceUid, completed.SrSopInstanceUid, completed.Organs.Count,
            completed.Timings.Sum(t => t.Milliseconds));
    }

    private static Task PublishFailed(ConsumeContext<SegmentSeries> context, JobFailure failure, JobAttempt attempt)
    {
        var job = context.Message;
        return context.Publish(new SegmentationFailed(job.JobId, job.IdempotencyKey, job.StudyInstanceUid, job.SeriesInstanceUid, job.ModelId,
            failure.Reason, failure.Message, attempt.Number));
    }
}
