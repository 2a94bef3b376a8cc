using System.Globalization;

namespace Mosmos.Testing;

/// <summary>
/// The real Orthanc and RabbitMQ the integration tests talk to. Connection settings come from the
/// environment (<c>MOSMOS_ORTHANC_*</c>, <c>MOSMOS_RABBITMQ_*</c>, as exported by <c>./mosmos test</c>);
/// when they are not set, <c>./mosmos services up --only …</c> runs once per test process and its
/// <c>connection.env</c> is read, so a bare <c>dotnet test</c> works too (the services stay up
/// afterwards: <c>./mosmos services down</c> stops them).
/// </summary>
public static class TestServices
{
    /// <summary>How long starting a service may take (a first start may install Debian packages).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<OrthancConnection>> s_orthanc = new(LoadOrthancAsync);
    private static readonly Lazy<Task<RabbitMqConnection>> s_rabbitMq = new(LoadRabbitMqAsync);

    /// <summary>The test Orthanc, started on first use when the environment names none.</summary>
    public static Task<OrthancConnection> GetOrthancAsync() => s_orthanc.Value;

    /// <summary>The test RabbitMQ, started on first use when the environment names none.</summary>
    public static Task<RabbitMqConnection> GetRabbitMqAsync() => s_rabbitMq.Value;

    /// <summary>The state folder of <c>./mosmos services</c>: <c>MOSMOS_STATE</c> or <c>&lt;repo&gt;/.cache/services</c>.</summary>
    public static string StateDirectory =>
        Environment.GetEnvironmentVariable("MOSMOS_STATE") is { Length: > 0 } state
            ? Path.GetFullPath(state)
            : Path.Combine(RepoPaths.Cache, "services");

    private static async Task<OrthancConnection> LoadOrthancAsync()
    {
        var values = await SettingsAsync("MOSMOS_ORTHANC_URL", "orthanc").ConfigureAwait(false);
        var url = new Uri(Required(values, "MOSMOS_ORTHANC_URL").TrimEnd('/') + "/");
        var dicomWeb = values.TryGetValue("MOSMOS_ORTHANC_DICOMWEB_URL", out var dw) && dw.Length > 0
            ? dw
            : new Uri(url, "dicom-web").ToString();
        return new OrthancConnection(
            url,
            new Uri(dicomWeb.TrimEnd('/') + "/"),
            Required(values, "MOSMOS_ORTHANC_USER"),
            Required(values, "MOSMOS_ORTHANC_PASSWORD"),
            values.TryGetValue("MOSMOS_ORTHANC_DICOM_PORT", out var port) && port.Length > 0 ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
            values.GetValueOrDefault("MOSMOS_ORTHANC_AET", string.Empty));
    }

    private static async Task<RabbitMqConnection> LoadRabbitMqAsync()
    {
        var values = await SettingsAsync("MOSMOS_RABBITMQ_HOST", "rabbitmq").ConfigureAwait(false);
        return new RabbitMqConnection(
            Required(values, "MOSMOS_RABBITMQ_HOST"),
            int.Parse(Required(values, "MOSMOS_RABBITMQ_PORT"), CultureInfo.InvariantCulture),
            Required(values, "MOSMOS_RABBITMQ_VHOST"),
            Required(values, "MOSMOS_RABBITMQ_USER"),
            Required(values, "MOSMOS_RABBITMQ_PASSWORD"),
            values.GetValueOrDefault("MOSMOS_RABBITMQ_CTL"));
    }

    // The environment when it names the service (marker set), else ./mosmos services up and its connection.env.
    private static async Task<IReadOnlyDictionary<string, string>> SettingsAsync(string marker, string service)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(marker)))
        {
            var prefix = marker[..(marker.LastIndexOf('_') + 1)];
            return Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k) ?? string.Empty, StringComparer.Ordinal);
        }

        var result = await ExternalTool.RunAsync(
            "bash",
            [RepoPaths.MosmosScript, "services", "up", "--only", service],
            new ExternalToolOptions { Timeout = StartTimeout, WorkingDirectory = RepoPaths.Root }).ConfigureAwait(false);
        result.EnsureSuccess();
        var file = Path.Combine(StateDirectory, service, "connection.env");
        return File.Exists(file)
            ? EnvFile.Read(file)
            : throw new InvalidOperationException($"./mosmos services up --only {service} succeeded but wrote no {file}.");
    }

    private static string Required(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException(
                $"{key} is not set. Run the tests with ./mosmos test, or export the MOSMOS_ORTHANC_*/MOSMOS_RABBITMQ_* variables of a running service (set -a; . .cache/services/connection.env; set +a).");
}
