using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mosmos.ServiceDefaults;

/// <summary>
/// Configuration as DESIGN §3 promises it for every service: appsettings, environment variables prefixed
/// <c>MOSMOS__</c> (e.g. <c>MOSMOS__Orthanc__Url</c>), and <c>--config FILE</c> (a JSON file that wins over both).
/// </summary>
public static class ConfigurationSources
{
    public static IHostApplicationBuilder AddMosmosConfiguration(this IHostApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        builder.Configuration.AddEnvironmentVariables("MOSMOS__");
        int at = Array.IndexOf(args, "--config");
        if (at >= 0)
        {
            if (at + 1 >= args.Length) throw new ArgumentException("--config needs a file path", nameof(args));
            var path = Path.GetFullPath(args[at + 1]);
            if (!File.Exists(path)) throw new FileNotFoundException($"--config file {path} does not exist", path);
            builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        return builder;
    }
}
