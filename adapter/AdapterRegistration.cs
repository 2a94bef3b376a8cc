using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Mosmos.Adapter.Api;
using Mosmos.Adapter.Bus;
using Mosmos.Adapter.Changes;
using Mosmos.Adapter.Dispatch;
using Mosmos.Adapter.Jobs;
using Mosmos.Adapter.Metrics;
using Mosmos.Adapter.Qido;
using Mosmos.Adapter.Selection;
using Mosmos.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Mosmos.Adapter;

/// <summary>The adapter's features, registered from <c>Program.cs</c>.</summary>
public static class AdapterRegistration
{
    public static IHostApplicationBuilder AddAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<OrthancSourceOptions>(builder.Configuration, OrthancSourceOptions.SectionName);
        services.AddValidatedOptions<JobStoreOptions>(builder.Configuration, JobStoreOptions.SectionName);
        services.AddValidatedOptions<ApiOptions>(builder.Configuration, ApiOptions.SectionName)
            .Validate(o => o.ResolveKeys().Count > 0, "Api:Keys or Api:KeyFile must give at least one API key (the job API is never open)");
        services.AddOptions<SelectionOptions>().Bind(builder.Configuration.GetSection(SelectionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SelectionOptions>, SelectionOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobStoreOptions>>().Value.CreateStore(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SeriesSelector(sp.GetRequiredService<IOptions<SelectionOptions>>().Value));
        services.AddSingleton<FeedStatus>();
        services.AddSingleton<AdapterMetrics>();
        services.AddHostedService<JobStateSampler>();
        services.AddHealthChecks().AddCheck<FeedStatus>("change-feed");
        services.AddHttpClient<OrthancClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<OrthancSourceOptions>>().Value;
            OrthancClient.Configure(http, o.Url!, o.User, o.ResolvePassword());
        });
        services.AddDicomWebExaminer();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StudyDispatcher>(sp, (IPublishEndpoint)sp.GetRequiredService<IBus>()));
        services.AddHostedService<JobStoreInitializer>();
        services.AddSingleton<ChangeFeedPoller>();
        services.AddSingleton<StudyWindowPoller>();
        // One source runs, the one Orthanc:Source names (resolved after start-up validation, so a bad value is reported, not thrown here).
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<OrthancSourceOptions>>().Value.Source == SourceKind.DicomWeb
            ? sp.GetRequiredService<StudyWindowPoller>()
            : sp.GetRequiredService<ChangeFeedPoller>());

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return builder;
    }

    public static IBusRegistrationConfigurator AddAdapterConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<JobEventConsumers, JobEventConsumersDefinition>();
        return bus;
    }

    public static WebApplication MapAdapterEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapJobEndpoints();
        return app;
    }
}
