using System.Security.Authentication;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosmos.Deploy.Tests.Support;
using Mosmos.ServiceDefaults.Messaging;

namespace Mosmos.Deploy.Tests.Tls;

/// <summary>
/// AMQPS end to end through the bus every service uses (<see cref="BusRegistration.AddMosmosBus"/> with
/// <c>Bus:UseTls</c>): trusting the broker's CA (<c>Bus:TlsCaFile</c>) a message goes out and comes back; trusting
/// another CA the connection is refused in the TLS handshake and the failure is logged as such; with a client
/// certificate (<c>Bus:TlsClientCertificateFile</c>) the broker, which verifies peers, accepts it.
/// </summary>
public sealed class RabbitMqTlsTests(TlsBroker broker) : IClassFixture<TlsBroker>
{
    [Fact]
    public async Task A_bus_that_trusts_the_brokers_ca_publishes_and_consumes_over_amqps()
    {
        var logs = new LogCapture();
        using var host = Build(new() { ["Bus:TlsCaFile"] = broker.Pki.CaFile }, logs);
        await RoundTrip(host, logs);
    }

    [Fact]
    public async Task A_bus_with_a_client_certificate_from_the_brokers_ca_is_accepted()
    {
        var (certificate, key) = broker.Pki.IssueClient("adapter");
        var logs = new LogCapture();
        using var host = Build(new()
        {
            ["Bus:TlsCaFile"] = broker.Pki.CaFile,
            ["Bus:TlsClientCertificateFile"] = certificate,
            ["Bus:TlsClientKeyFile"] = key,
        }, logs);
        await RoundTrip(host, logs);
    }

    [Fact]
    public async Task A_bus_that_trusts_another_ca_fails_the_handshake_and_says_so()
    {
        var logs = new LogCapture();
        using var host = Build(new() { ["Bus:TlsCaFile"] = broker.Rogue.CaFile }, logs, startTimeout: TimeSpan.FromSeconds(20));
        await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.True(logs.Entries.Any(e => Chain(e.Exception).Any(x => x is AuthenticationException)),
            "no AuthenticationException was logged:\n" + string.Join("\n", logs.Entries.Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}")));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(broker.Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Tls_files_without_tls_or_missing_files_are_refused_at_start_up()
    {
        var options = new BusOptions
        {
            Transport = BusTransport.RabbitMq, User = "u", Password = "p",
            TlsCaFile = "/nonexistent/ca.pem", TlsClientCertificateFile = broker.Pki.CaFile,
        };
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();
        Assert.Contains(errors, e => e!.Contains("need Bus:UseTls=true", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("/nonexistent/ca.pem does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("must be set together", StringComparison.Ordinal));
    }

    private IHost Build(Dictionary<string, string?> tls, LogCapture logs, TimeSpan? startTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
        var settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Host"] = "localhost",
            ["Bus:Port"] = broker.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:VirtualHost"] = TlsBroker.VirtualHost,
            ["Bus:User"] = TlsBroker.User,
            ["Bus:Password"] = broker.Password,
            ["Bus:UseTls"] = "true",
        };
        foreach (var (key, value) in tls)
            settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<PingProbe>();
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = startTimeout ?? TimeSpan.FromSeconds(90);
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        builder.AddMosmosBus(bus => bus.AddConsumer<PingConsumer>());
        return builder.Build();
    }

    private static async Task RoundTrip(IHost host, LogCapture logs)
    {
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new TlsPing(id));
            var received = await host.Services.GetRequiredService<PingProbe>().Received.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(id, received);
        }
        catch (TimeoutException)
        {
            Assert.Fail("the message did not come back:\n" + string.Join("\n", logs.Entries.Select(e => $"{e.Category}: {e.Message} {e.Exception?.Message}")));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
        }
    }
}

/// <summary>The message of the AMQPS round trip.</summary>
public sealed record TlsPing(Guid Id);

internal sealed class PingProbe
{
    public TaskCompletionSource<Guid> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class PingConsumer(PingProbe probe) : IConsumer<TlsPing>
{
    public Task Consume(ConsumeContext<TlsPing> context)
    {
        probe.Received.TrySetResult(context.Message.Id);
        return Task.CompletedTask;
    }
}
