using DataAnnotations = System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosmos.Contracts;
using Mosmos.ServiceDefaults;
using Mosmos.ServiceDefaults.Messaging;

namespace Mosmos.Trainer.Registry;

/// <summary>
/// Sends <see cref="ModelPublished"/> over the configured bus (section <c>Bus</c>: <c>MOSMOS__BUS__…</c> variables or
/// <c>--config FILE</c>, wired by <see cref="BusRegistration.AddMosmosBus"/> exactly as in the services), so the
/// inference workers hot-reload the model. Only a broker makes sense from a command that ends right after: the
/// in-memory transport is refused. A completed publish is on the broker (publisher confirms).
/// </summary>
public static class ModelAnnouncer
{
    /// <summary>How long connecting and the confirmed publish may take before the command gives up.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The bus configuration as every service reads it: environment <c>MOSMOS__…</c>, then <c>--config FILE</c>.</summary>
    public static IConfiguration Configuration(string? configFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMosmosConfiguration(configFile is null ? [] : ["--config", configFile]);
        return builder.Configuration;
    }

    /// <summary>The bus settings, refused (every problem at once) unless they name a usable broker.</summary>
    /// <exception cref="InvalidOperationException">The in-memory transport, or invalid RabbitMQ settings.</exception>
    public static BusOptions Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        BusOptions options;
        try
        {
            options = configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"the Bus settings cannot be read: {e.Message}", e);
        }
        if (options.Transport != BusTransport.RabbitMq)
        {
            throw new InvalidOperationException("--bus needs a message broker: set Bus:Transport=RabbitMq with Bus:Host, Bus:User and " +
                "Bus:Password (MOSMOS__BUS__TRANSPORT, MOSMOS__BUS__HOST, … or --config FILE); an in-memory bus ends with this command");
        }
        var errors = new List<DataAnnotations.ValidationResult>();
        if (!DataAnnotations.Validator.TryValidateObject(options, new DataAnnotations.ValidationContext(options), errors, validateAllProperties: true))
            throw new InvalidOperationException("the Bus settings are invalid: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        return options;
    }

    /// <exception cref="InvalidOperationException">No broker is configured, the settings are invalid, or the broker did not confirm in time.</exception>
    public static async Task PublishAsync(ModelPublished message, IConfiguration configuration, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Check(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.AddMosmosBus(_ => { });
        var limit = timeout ?? Timeout;
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = limit;
            o.StopTimeout = limit;
        });
        using var host = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var where = $"RabbitMQ at {options.Host}:{options.Port}{(options.VirtualHost.StartsWith('/') ? "" : "/")}{options.VirtualHost}";
        try
        {
            await host.StartAsync(deadline.Token).ConfigureAwait(false);
            await host.Services.GetRequiredService<IBus>().Publish(message, deadline.Token).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            throw new InvalidOperationException($"the bus settings are invalid: {string.Join("; ", e.Failures)}", e);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{where} did not accept ModelPublished within {limit.TotalSeconds:0} s (is it running, are the credentials right?)", e);
        }
        catch (MassTransitException e)
        {
            throw new InvalidOperationException($"publishing ModelPublished to {where} failed: {e.Message}", e);
        }
        finally
        {
            using var stop = new CancellationTokenSource(limit);
            await host.StopAsync(stop.Token).ConfigureAwait(false);
        }
    }
}
