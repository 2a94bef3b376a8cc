using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosmos.Contracts;
using Mosmos.ServiceDefaults.Messaging;
using Mosmos.Testing;
using Mosmos.Trainer.Cli;
using Mosmos.Trainer.Export;
using Mosmos.Trainer.Model;
using Mosmos.Trainer.Registry;

namespace Mosmos.Trainer.Tests.Registry;

/// <summary><c>publish --bus</c> against the real RabbitMQ: a consumer wired like the worker's receives ModelPublished.</summary>
public sealed class ModelAnnouncerTests
{
    [Fact]
    public async Task PublishWithBusDeliversModelPublishedToAConsumer()
    {
        var rabbit = await TestServices.GetRabbitMqAsync();
        var settings = rabbit.BusSettings().ToDictionary(p => p.Key, p => (string?)p.Value);
        var received = new Received();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(received);
        builder.AddMosmosBus(x => x.AddConsumer<ModelPublishedProbe>());
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        using var consumer = builder.Build();
        await consumer.StartAsync();
        try
        {
            using var tmp = new TempFolder();
            var model = Path.Combine(tmp.Path, "m.onnx");
            var version = "1.0." + Guid.NewGuid().ToString("N")[..8];
            received.Version = version;
            using (var net = new UNet3d(new UNetConfig(2, [2, 4])))
                OnnxExporter.Write(net, new ModelCard
                {
                    Name = "bus-test", Version = version, Modality = "CT", Labels = new Dictionary<int, string> { [1] = "spleen" },
                    SpacingMm = [3, 3, 3], Intensity = Mosmos.Trainer.Data.Intensity.AbdomenCt, PatchSize = [16, 16, 16],
                }, model);
            var config = Path.Combine(tmp.Path, "bus.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new { Bus = settings.ToDictionary(kv => kv.Key["Bus:".Length..], kv => kv.Value) }));
            var registry = Path.Combine(tmp.Path, "registry");

            Assert.Equal(0, PublishCommand.Run(new Arguments([model, "--registry", registry, "--bus", "--config", config], PublishCommand.Flags)));

            var message = await received.Message.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(("bus-test", version), (message.Name, message.Version));
            Assert.Equal(Path.GetFullPath(Path.Combine(registry, "bus-test", version, "model.onnx")), message.Location);
            Assert.Equal(ModelRegistry.Sha256(model), message.Sha256);
        }
        finally
        {
            await consumer.StopAsync();
        }
    }

    [Fact]
    public void WithoutABrokerNothingIsPublished()
    {
        using var tmp = new TempFolder();
        var registry = Path.Combine(tmp.Path, "registry");
        var inMemory = Path.Combine(tmp.Path, "in-memory.json");
        File.WriteAllText(inMemory, """{ "Bus": { "Transport": "InMemory" } }""");
        var e = Assert.Throws<InvalidOperationException>(() =>
            PublishCommand.Run(new Arguments(["unused.onnx", "--registry", registry, "--bus", "--config", inMemory], PublishCommand.Flags)));
        Assert.Contains("--bus needs a message broker", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(registry), "a refused bus leaves the registry untouched");

        var noCredentials = Path.Combine(tmp.Path, "no-credentials.json");
        File.WriteAllText(noCredentials, """{ "Bus": { "Transport": "RabbitMq", "Host": "127.0.0.1" } }""");
        e = Assert.Throws<InvalidOperationException>(() => ModelAnnouncer.Check(ModelAnnouncer.Configuration(noCredentials)));
        Assert.Contains("Bus:User is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("Bus:Password or Bus:PasswordFile is required", e.Message, StringComparison.Ordinal);

        Assert.Throws<UsageException>(() => PublishCommand.Run(new Arguments(["m.onnx", "--registry", registry, "--config", inMemory], PublishCommand.Flags)));
    }

    [Fact]
    public async Task ABrokerThatIsNotThereIsAClearError()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq", ["Bus:Host"] = "127.0.0.1", ["Bus:Port"] = "1", ["Bus:User"] = "u", ["Bus:Password"] = "p",
        }).Build();
        var message = new ModelPublished("m", "1", "/nowhere/model.onnx", new string('0', 64), DateTimeOffset.UtcNow);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ModelAnnouncer.PublishAsync(message, config, timeout: TimeSpan.FromSeconds(5)));
        Assert.Contains("RabbitMQ at 127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The ModelPublished of this test's version (the durable probe queue may still hold older ones).</summary>
    public sealed class Received
    {
        public string Version { get; set; } = "";

        public TaskCompletionSource<ModelPublished> Message { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class ModelPublishedProbe(Received received) : IConsumer<ModelPublished>
    {
        public Task Consume(ConsumeContext<ModelPublished> context)
        {
            if (context.Message.Version == received.Version) received.Message.TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }
}
