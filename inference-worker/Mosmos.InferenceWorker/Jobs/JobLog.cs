using Microsoft.Extensions.Logging;
using Mosmos.Contracts;

namespace Mosmos.InferenceWorker.Jobs;

/// <summary>
/// Source-generated log messages of segmentation jobs. Event IDs 3100–3199 belong to jobs and never change meaning.
/// Jobs are named by id and UIDs (study and series in the logger scope); never patient names, IDs or birth dates.
/// </summary>
internal static partial class JobLog
{
    [LoggerMessage(3100, LogLevel.Information, "Job {JobId} attempt {Attempt} started with model {ModelId} (supersedes an earlier result: {Supersedes})")]
    public static partial void Started(ILogger logger, Guid jobId, int attempt, string modelId, bool supersedes);

    [LoggerMessage(3101, LogLevel.Information, "Job {JobId} completed: SEG {SegSopInstanceUid}, SR {SrSopInstanceUid}, {Organs} organ(s), {Milliseconds:F0} ms")]
    public static partial void Completed(ILogger logger, Guid jobId, string segSopInstanceUid, string srSopInstanceUid, int organs, double milliseconds);

    [LoggerMessage(3102, LogLevel.Warning, "Job {JobId} rejected ({Reason}), not retried: {Message}")]
    public static partial void Rejected(ILogger logger, Guid jobId, FailureReason reason, string message);

    [LoggerMessage(3103, LogLevel.Warning, "Job {JobId} attempt {Attempt} of {Attempts} failed ({Reason}); it will be tried again")]
    public static partial void AttemptFailed(ILogger logger, Guid jobId, int attempt, int attempts, FailureReason reason, Exception exception);

    [LoggerMessage(3104, LogLevel.Error, "Job {JobId} failed on its last attempt {Attempt} ({Reason}); it goes to the error queue")]
    public static partial void Failed(ILogger logger, Guid jobId, int attempt, FailureReason reason, Exception exception);

    [LoggerMessage(3105, LogLevel.Information, "Job {JobId} redelivery {Redelivery} of {Redeliveries} in {Delay} after {ExceptionType}")]
    public static partial void Redelivered(ILogger logger, Guid jobId, int redelivery, int redeliveries, TimeSpan delay, string exceptionType);

    [LoggerMessage(3106, LogLevel.Information, "Wait queue {Queue} declared (delay {Delay})")]
    public static partial void WaitQueueDeclared(ILogger logger, string queue, TimeSpan delay);

    [LoggerMessage(3107, LogLevel.Information, "Offline segmentation of {Input} written to {Output}: SEG {SegSopInstanceUid}, SR {SrSopInstanceUid}")]
    public static partial void OfflineWritten(ILogger logger, string input, string output, string segSopInstanceUid, string srSopInstanceUid);

    [LoggerMessage(3108, LogLevel.Error, "Offline segmentation of {Input} failed ({Reason}): {Message}")]
    public static partial void OfflineFailed(ILogger logger, string input, FailureReason reason, string message);

    [LoggerMessage(3109, LogLevel.Warning, "Model {Model}: {Tags} attention maps × {Voxels} voxels exceed Pipeline:MaxAttentionValues ({Max}); the attention SEG is not written")]
    public static partial void AttentionSkipped(ILogger logger, string model, int tags, long voxels, long max);

    [LoggerMessage(3110, LogLevel.Warning, "Model {Model}: the attention SEG would hold more than Pipeline:MaxAttentionBytes ({Max}) of frames after {Tags} tag(s); it is not written")]
    public static partial void AttentionTooLarge(ILogger logger, string model, int tags, long max);
}
