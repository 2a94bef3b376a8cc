using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Mosmos.Adapter.Changes;

namespace Mosmos.Demo;

/// <summary>
/// The host of adapter and worker in one process. Configuration, lowest first: the adapter's appsettings, the
/// worker's, the demo's own (<c>config/*.json</c> beside the binary), the environment (<c>MOSMOS__…</c> too),
/// the command line and <c>--config FILE</c>. Logs are JSON lines on stderr (event id, category, scopes, trace and
/// span ids), so the demo's own report on stdout stays readable and a run's log is one file.
/// </summary>
internal static class DemoHost
{
    public static readonly string[] DefaultsFiles = ["adapter.json", "worker.json", "demo.json"];

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = "Mosmos.Demo",
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "config"),
        });
        for (int i = 0; i < DefaultsFiles.Length; i++)
        {
            builder.Configuration.Sources.Insert(i, new JsonConfigurationSource
            {
                Path = DefaultsFiles[i],
                FileProvider = builder.Environment.ContentRootFileProvider,
                Optional = false,
            });
        }
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    /// <summary>
    /// One Orthanc for both services: the worker reads from the Orthanc the adapter follows (its DICOMweb root and
    /// credentials), whatever the worker's own appsettings name as that source, so the demo names its Orthanc once.
    /// </summary>
    public static WebApplicationBuilder UseAdapterOrthancAsWorkerSource(this WebApplicationBuilder builder)
    {
        var orthanc = builder.Configuration.GetSection(OrthancSourceOptions.SectionName).Get<OrthancSourceOptions>();
        if (orthanc?.Url is null) return builder;
        var prefix = $"Jobs:Sources:{orthanc.Name}:";
        var dicomWeb = orthanc.DicomWebUrl ?? new Uri(orthanc.Url.AbsoluteUri.TrimEnd('/') + "/dicom-web/");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [prefix + "BaseUrl"] = dicomWeb.AbsoluteUri,
            [prefix + "Username"] = orthanc.User,
            [prefix + "Password"] = orthanc.ResolvePassword(),
        });
        return builder;
    }

    /// <summary>The job API root (the Kestrel endpoint <c>Http</c>).</summary>
    public static Uri ApiRoot(IConfiguration configuration) =>
        new(configuration["Kestrel:Endpoints:Http:Url"] ?? throw new OptionsValidationException("Kestrel", typeof(object), ["Kestrel:Endpoints:Http:Url is required"]));
}
