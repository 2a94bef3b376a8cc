using System.Text;
using MassTransit;
using Mosmos.Contracts;
using Mosmos.InferenceWorker.Jobs;
using Mosmos.InferenceWorker.Tests.Pipeline;
using Mosmos.Testing;
using RabbitMQ.Client;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// Delayed redelivery over the real RabbitMQ 3.10 (no delayed-message plugin): no immediate retries, redeliveries
/// after 1 s and 2 s through the TTL wait queues. <c>flaky2</c> recovers on the third attempt; <c>down</c> never
/// does, so its job ends in SegmentationFailed on the last attempt and in the error queue.
/// </summary>
[Collection(RabbitMqJobQueueGroup.Name)]
public sealed class RabbitMqRedeliveryTests : IAsyncLifetime
{
    private WorkerHost _worker = null!;
    private RabbitMqConnection _rabbit = null!;

    public async Task InitializeAsync()
    {
        _rabbit = await TestServices.GetRabbitMqAsync();
        var settings = _rabbit.BusSettings().ToDictionary(p => p.Key, p => (string?)p.Value);
        settings["Jobs:ImmediateRetries"] = "0";
        settings["Jobs:RedeliveryDelays:0"] = "00:00:01";
        settings["Jobs:RedeliveryDelays:1"] = "00:00:02";
        _worker = await WorkerHost.StartAsync(settings, new Dictionary<string, int> { ["flaky2"] = 2, ["down"] = int.MaxValue });
    }

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    [Fact]
    public async Task TransientFailuresWaitInTheTtlQueuesThenComplete()
    {
        var series = new SyntheticCt();
        await OrthancStudies.UploadAsync(series);
        var job = WorkerHost.Job(series, source: "flaky2");

        await _worker.Bus.Publish(job);
        await _worker.Events.CompletedAsync(job.JobId, TimeSpan.FromSeconds(90));

        var attempts = _worker.Events.Started(job.JobId).OrderBy(s => s.Attempt).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(s => s.Attempt));
        Assert.True(attempts[1].StartedAt - attempts[0].StartedAt >= TimeSpan.FromSeconds(0.9), "first redelivery waited 1 s");
        Assert.True(attempts[2].StartedAt - attempts[1].StartedAt >= TimeSpan.FromSeconds(1.9), "second redelivery waited 2 s");
        Assert.Empty(_worker.Events.Failed(job.JobId));
        Assert.Single(await OrthancStudies.SeriesAsync(series.StudyInstanceUid, "SEG"));
    }

    [Fact]
    public async Task LastAttemptPublishesFailedAndTheJobLandsInTheErrorQueue()
    {
        var series = new SyntheticCt();
        var job = WorkerHost.Job(series, source: "down");

        await _worker.Bus.Publish(job);
        var failed = await _worker.Events.FailedAsync(job.JobId, TimeSpan.FromSeconds(90));

        Assert.Equal(FailureReason.SourceUnavailable, failed.Reason);
        Assert.Equal(3, failed.Attempt);
        Assert.Single(_worker.Events.Failed(job.JobId));
        Assert.True(await InErrorQueueAsync(job.JobId), "the job is in the error queue");
    }

    /// <summary>Takes the job's message out of the error queue (and leaves the others there).</summary>
    private async Task<bool> InErrorQueueAsync(Guid jobId)
    {
        var factory = new ConnectionFactory
        {
            HostName = _rabbit.Host, Port = _rabbit.Port, VirtualHost = _rabbit.VirtualHost, UserName = _rabbit.User, Password = _rabbit.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var others = new List<ulong>();
            BasicGetResult? message;
            while ((message = await channel.BasicGetAsync(SegmentSeriesConsumerDefinition.EndpointNameValue + "_error", autoAck: false)) is not null)
            {
                if (Encoding.UTF8.GetString(message.Body.Span).Contains(jobId.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
                    return true;
                }
                others.Add(message.DeliveryTag);
            }
            foreach (var tag in others)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true);
            await Task.Delay(200);
        }
        return false;
    }
}
