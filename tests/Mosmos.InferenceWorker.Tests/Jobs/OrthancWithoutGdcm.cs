using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Mosmos.InferenceWorker.Tests.Support;
using Mosmos.Testing;

namespace Mosmos.InferenceWorker.Tests.Jobs;

/// <summary>
/// A second, private Orthanc started by the project's own <c>scripts/services/start-orthanc.sh</c> with the GDCM
/// plugin disabled (<c>"Gdcm": {"Enable": false}</c>, the plugin's own switch): it stores JPEG 2000 but cannot
/// transcode it, as a PACS without a JPEG 2000 codec. Stopped and removed on dispose.
/// </summary>
internal sealed class OrthancWithoutGdcm : IAsyncDisposable
{
    private readonly TempDirectory _state;

    private OrthancWithoutGdcm(TempDirectory state, OrthancConnection connection) => (_state, Connection) = (state, connection);

    public OrthancConnection Connection { get; }

    public static async Task<OrthancWithoutGdcm> StartAsync()
    {
        var state = new TempDirectory();
        var extra = Path.Combine(state.Path, "no-gdcm.json");
        await File.WriteAllTextAsync(extra, """{ "Gdcm" : { "Enable" : false } }""");
        int http = FreePort(), dicom = FreePort();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var options = new ExternalToolOptions
        {
            Timeout = TimeSpan.FromMinutes(2),
            WorkingDirectory = RepoPaths.Root,
            Environment =
            {
                ["MOSMOS_ROOT"] = RepoPaths.Root,
                ["MOSMOS_ORTHANC_HTTP_PORT"] = http.ToString(CultureInfo.InvariantCulture),
                ["MOSMOS_ORTHANC_DICOM_PORT"] = dicom.ToString(CultureInfo.InvariantCulture),
                ["MOSMOS_ORTHANC_PASSWORD"] = password,
                ["MOSMOS_ORTHANC_USER"] = "mosmos",
                ["MOSMOS_ORTHANC_EXTRA_JSON"] = extra,
            },
        };
        (await ExternalTool.RunAsync("bash", [Script("start-orthanc.sh"), "--dir", Path.Combine(state.Path, "orthanc"), "--fresh"], options))
            .EnsureSuccess();
        var url = new Uri($"http://127.0.0.1:{http}/");
        return new OrthancWithoutGdcm(state, new OrthancConnection(url, new Uri(url, "dicom-web"), "mosmos", password, dicom, "MOSMOS"));
    }

    public async ValueTask DisposeAsync()
    {
        await ExternalTool.RunAsync("bash", [Script("stop-orthanc.sh"), "--dir", Path.Combine(_state.Path, "orthanc")],
            new ExternalToolOptions { Environment = { ["MOSMOS_ROOT"] = RepoPaths.Root } });
        _state.Dispose();
    }

    private static string Script(string name) => RepoPaths.Combine("scripts", "services", name);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
