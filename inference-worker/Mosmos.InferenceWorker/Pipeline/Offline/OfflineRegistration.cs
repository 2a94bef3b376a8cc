using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mosmos.InferenceWorker.Pipeline.Offline;

/// <summary>The <c>segment</c> mode: no bus, no TCP endpoints (the in-process model socket only), one offline run.</summary>
internal static class OfflineRegistration
{
    public static WebApplicationBuilder AddOfflineSegmentation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OfflineOptions>().Bind(builder.Configuration.GetSection(OfflineOptions.SectionName));
        builder.Services.AddHostedService<OfflineSegmentation>();
        // An empty endpoint configuration replaces Kestrel:Endpoints, so a second process never fights the worker for its ports.
        builder.WebHost.ConfigureKestrel((KestrelServerOptions kestrel) => kestrel.Configure(new ConfigurationBuilder().Build()));
        // A command's console shows its own output, warnings and errors: not two framework lines per model call
        // (the in-process model server is ASP.NET Core), whatever the working directory's appsettings say.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        return builder;
    }
}
