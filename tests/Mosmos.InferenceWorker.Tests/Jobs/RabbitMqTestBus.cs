using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosmos.ServiceDefaults.Messaging;
using Mosmos.Testing;
using RabbitMQ.Client;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// The test's own connection to the real RabbitMQ, registered with the services' <c>AddMosmosBus</c> (same
/// topology as adapter and worker): publishes jobs and collects the job events of workers in other processes.
/// </summary>
internal sealed class RabbitMqTestBus : IAsyncDisposable
{
    private readonly IHost _host;

    private RabbitMqTestBus(IHost host, RabbitMqConnection rabbit, JobEvents events) => (_host, Rabbit, Events) = (host, rabbit, events);

    public RabbitMqConnection Rabbit { get; }
    public JobEvents Events { get; }
    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    /// <summary>
    /// On the shared test RabbitMQ, or on the given one (a test's private broker); job events on a durable queue of
    /// that name when the broker will be restarted under the test (<see cref="JobEvents.ConnectAsync"/>).
    /// </summary>
    public static async Task<RabbitMqTestBus> StartAsync(RabbitMqConnection? privateRabbit = null, string? durableEventsQueue = null)
    {
        var rabbit = privateRabbit ?? await TestServices.GetRabbitMqAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(rabbit).ToDictionary(p => p.Key, p => (string?)p.Value));
        builder.Logging.ClearProviders();
        builder.AddMosmosBus(_ => { });
        var host = builder.Build();
        await host.StartAsync();
        var events = await JobEvents.ConnectAsync(host.Services.GetRequiredService<IBus>(), durableEventsQueue);
        return new RabbitMqTestBus(host, rabbit, events);
    }

    /// <summary>The <c>Bus</c> section for this RabbitMQ, for any process that should join it.</summary>
    public static Dictionary<string, string> Settings(RabbitMqConnection rabbit) => rabbit.BusSettings();

    /// <summary>
    /// Everything a worker process needs to join this bus: the test Orthanc as source "orthanc", the model registry
    /// folder, one intra-op thread, any free ports.
    /// </summary>
    public async Task<Dictionary<string, string>> WorkerSettingsAsync(string registry)
    {
        var orthanc = await TestServices.GetOrthancAsync();
        var settings = Settings(Rabbit);
        settings["Jobs:Sources:orthanc:BaseUrl"] = orthanc.DicomWebUrl.ToString();
        settings["Jobs:Sources:orthanc:Username"] = orthanc.User;
        settings["Jobs:Sources:orthanc:Password"] = orthanc.Password;
        settings["ModelServer:RegistryPath"] = registry;
        settings["ModelServer:IntraOpThreads"] = "1";
        settings["ModelServer:WatchRegistry"] = "false";
        settings["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0";
        settings["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
        return settings;
    }

    /// <summary>Consumers on a queue right now (0 when the queue does not exist yet).</summary>
    public async Task<uint> ConsumersAsync(string queue) => (await QueueAsync(queue)).Consumers;

    /// <summary>Messages ready in a queue and consumers on it right now (both 0 when the queue does not exist yet).</summary>
    public async Task<(uint Messages, uint Consumers)> QueueAsync(string queue)
    {
        var factory = new ConnectionFactory
        {
            HostName = Rabbit.Host, Port = Rabbit.Port, VirtualHost = Rabbit.VirtualHost, UserName = Rabbit.User, Password = Rabbit.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue);
            return (declared.MessageCount, declared.ConsumerCount);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return (0, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
