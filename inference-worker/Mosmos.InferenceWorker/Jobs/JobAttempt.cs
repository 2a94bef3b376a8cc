using MassTransit;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// Which try of a job this is, from the consume context: the immediate retry (MassTransit's retry payload) and the
/// delayed redelivery count (header <c>MT-Redelivery-Count</c>, which <see cref="JobRedeliveryFilter"/> sets).
/// </summary>
internal readonly record struct JobAttempt(int Retry, int Redelivery, int Number, bool IsLast)
{
    public static JobAttempt Of(ConsumeContext context, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        int retry = context.GetRetryAttempt();
        int redelivery = context.GetRedeliveryCount();
        int number = redelivery * (options.ImmediateRetries + 1) + retry + 1;
        return new JobAttempt(retry, redelivery, number, retry >= options.ImmediateRetries && redelivery >= options.Delays.Count);
    }

    /// <summary>Tries in all: each delivery (the first and every redelivery) gets the immediate retries.</summary>
    public static int Total(JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.Delays.Count + 1) * (options.ImmediateRetries + 1);
    }
}
