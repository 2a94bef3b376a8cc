using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mosmos.ServiceDefaults.Messaging;

/// <summary>
/// MassTransit 8 wired the same way in every service: the transport from <see cref="BusOptions"/>, kebab-case
/// endpoint names, endpoints configured from consumer definitions (which hold retry, timeout and concurrency).
/// RabbitMQ publishes wait for publisher confirms (MassTransit's default), so a completed Publish is on the broker.
/// A process hosting more than one service (the demo: adapter and worker on one in-memory bus) has one bus:
/// the other services' consumers are queued with <see cref="AddMosmosBusConsumers"/> before the call that adds it.
/// </summary>
public static class BusRegistration
{
    /// <summary>
    /// Queues consumers for the one bus of this process, added later by <see cref="AddMosmosBus"/> (MassTransit allows
    /// one <c>AddMassTransit</c> per container, and each service's registration adds its own consumers there).
    /// </summary>
    public static IHostApplicationBuilder AddMosmosBusConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> registerConsumers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registerConsumers);
        if (builder.Properties.ContainsKey(typeof(BusRegistration)))
            throw new InvalidOperationException("the bus is already added: queue consumers with AddMosmosBusConsumers before AddMosmosBus");
        Queued(builder).Add(registerConsumers);
        return builder;
    }

    public static IHostApplicationBuilder AddMosmosBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> registerConsumers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registerConsumers);
        var queued = Queued(builder);
        builder.Properties[typeof(BusRegistration)] = true;
        builder.Services.AddValidatedOptions<BusOptions>(builder.Configuration, BusOptions.SectionName);
        var options = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.3+ reports usage to its vendor by default: nothing leaves a hospital's network unasked.
            x.DisableUsageTelemetry();
            foreach (var register in queued)
                register(x);
            registerConsumers(x);
            if (options.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                    {
                        h.Username(options.User);
                        h.Password(options.ResolvePassword());
                        if (options.UseTls)
                            h.UseSsl(s => BusTls.Configure(s, options));
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return builder;
    }

    private static List<Action<IBusRegistrationConfigurator>> Queued(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(typeof(List<Action<IBusRegistrationConfigurator>>), out var list))
            return (List<Action<IBusRegistrationConfigurator>>)list;
        var created = new List<Action<IBusRegistrationConfigurator>>();
        builder.Properties[typeof(List<Action<IBusRegistrationConfigurator>>)] = created;
        return created;
    }
}
