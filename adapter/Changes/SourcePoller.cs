using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosmos.Dicom;
using Mosmos.Dicom.Web;

namespace Mosmos.Adapter.Changes;

/// <summary>
/// The loop every source shares: poll, report health, wait; on a failure of the archive, the broker or the job store,
/// report degraded and back off exponentially up to <see cref="OrthancSourceOptions.MaxBackoff"/>, leaving the cursor
/// where it was (a source only moves it past work that is done and confirmed).
/// </summary>
public abstract partial class SourcePoller(OrthancSourceOptions options) : BackgroundService
{
    /// <summary>Health and lag as the readiness check and the metrics see them.</summary>
    protected abstract FeedStatus Status { get; }

    protected abstract ILogger Logger { get; }

    /// <summary>Handles one page or window; returns true when nothing more is waiting for now.</summary>
    protected abstract Task<bool> PollAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                bool done = await PollAsync(stoppingToken).ConfigureAwait(false);
                Status.Healthy();
                backoff = TimeSpan.FromSeconds(1);
                if (done) await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsTransient(e))
            {
                Status.Degraded(e.Message);
                LogPollFailed(Logger, e.GetType().Name, e.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Failures that pass: the archive or the broker unreachable or answering errors, a timed-out call, a busy database.</summary>
    public static bool IsTransient(Exception e) =>
        e is HttpRequestException or ChangeFeedException or TimeoutException or OperationCanceledException or IOException
            or MassTransit.MassTransitException or DicomFormatException or DicomWebException or DbException;

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Polling failed ({ErrorType}: {Error}); retrying in {Seconds} s, cursor unchanged")]
    private static partial void LogPollFailed(ILogger logger, string errorType, string error, double seconds);
}
