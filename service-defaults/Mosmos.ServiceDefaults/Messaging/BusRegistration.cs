using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mosmos.ServiceDefaults.Messaging;

/// <summary>
/// MassTransit 8 wired the same way in every service: the transport from <see cref="BusOptions"/>, kebab-case
/// endpoint names, endpoints configured from consumer definitions (which hold retry, timeout and concurrency).
/// RabbitMQ publishes wait for publisher confirms (MassTransit's default), so a completed Publish is on the broker.
/// </summary>
public static class BusRegistration
{
    public static IHostApplicationBuilder AddMosmosBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> registerConsumers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registerConsumers);
        builder.Services.AddValidatedOptions<BusOptions>(builder.Configuration, BusOptions.SectionName);
        var options = builder.Configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
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
                            h.UseSsl(s => s.ServerName = options.TlsServerName ?? options.Host);
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
}
