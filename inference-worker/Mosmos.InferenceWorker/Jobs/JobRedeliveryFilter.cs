using MassTransit;
using Microsoft.Extensions.Logging;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// Delayed redelivery without sleeping in the consumer (DESIGN §5): when a job's attempt fails after its immediate
/// retries, a copy goes to <see cref="IJobRedelivery"/> with delay <c>delays[count]</c> and header
/// <c>MT-Redelivery-Count</c> = count + 1, and the original is consumed once the copy is on the broker. After the last
/// delay the exception goes on to MassTransit's error queue. Shutdown cancellations pass straight through, so the
/// broker gives the unacknowledged job to another worker.
/// </summary>
internal sealed class JobRedeliveryFilter(IJobRedelivery redelivery, IReadOnlyList<TimeSpan> delays, ILogger<JobRedeliveryFilter> logger) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next.Send(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested
            && context.GetRedeliveryCount() < delays.Count && context.TryGetMessage<SegmentSeries>(out var job))
        {
            int count = context.GetRedeliveryCount();
            await redelivery.RedeliverAsync(job, delays[count], count + 1).ConfigureAwait(false);
            JobLog.Redelivered(logger, job.Message.JobId, count + 1, delays.Count, delays[count], e.GetType().Name);
            await context.NotifyConsumed(job, context.ReceiveContext.ElapsedTime, nameof(JobRedeliveryFilter)).ConfigureAwait(false);
        }
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = context.CreateFilterScope("mosmos-delayed-redelivery");
        scope.Add("delays", string.Join(",", delays));
    }
}
