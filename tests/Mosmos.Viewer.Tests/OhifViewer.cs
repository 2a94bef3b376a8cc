using System.Text.Json;
using Mosmos.Testing;

namespace Mosmos.Viewer.Tests;

/// <summary>One study to open: which slice to show and which patient positions to read back.</summary>
public sealed record ViewerCase(string Name, string StudyInstanceUid, double[] SlicePosition, IReadOnlyList<ViewerPoint> Points, string Screenshot, string ScreenshotHidden);

public sealed record ViewerPoint(string Name, double[] World);

/// <summary>What tests/node/ohif-viewer.mjs saw (its JSON output).</summary>
public sealed record ViewerRun(string Origin, IReadOnlyList<ViewerCaseResult> Cases, IReadOnlyList<string> PageErrors, IReadOnlyList<string> ProxyFailures);

public sealed record ViewerCaseResult(
    string Name, string ViewportId, string ViewportType, IReadOnlyList<ViewerSegment> Segments, int ImageIndex, double SliceDistance,
    IReadOnlyList<ViewerSample> Samples, IReadOnlyDictionary<string, double> Timings);

public sealed record ViewerSegment(int Index, string Label, IReadOnlyList<int> Color);

/// <summary>A point on the page (CSS px) and the mean colour around it with the segmentation shown and hidden.</summary>
public sealed record ViewerSample(string Name, IReadOnlyList<double> Page, IReadOnlyList<int> Shown, IReadOnlyList<int> Hidden);

/// <summary>
/// Runs the OHIF viewer (npm @ohif/app dist/, fetched by scripts/test-setup.sh) behind tests/node/ohif-server.mjs in
/// Debian's chromium-headless-shell, driven by puppeteer-core (tests/node, pinned): one browser for all cases.
/// </summary>
public static class OhifViewer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<ViewerRun> RunAsync(OrthancConnection orthanc, IReadOnlyList<ViewerCase> cases, string workFolder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(orthanc);
        var chrome = ExternalTool.Require("chromium-headless-shell", "chromium-headless-shell");
        var node = ExternalTool.Require("node", "nodejs");
        var request = new
        {
            Dist = TestData.OhifDist,
            Orthanc = orthanc.Url.ToString().TrimEnd('/'),
            Chrome = chrome,
            TimeoutSeconds = 180,
            Cases = cases,
        };
        var requestPath = Path.Combine(workFolder, "viewer-request.json");
        await File.WriteAllTextAsync(requestPath, JsonSerializer.Serialize(request, Json));
        var result = await ExternalTool.RunAsync(node, [RepoPaths.Combine("tests", "node", "ohif-viewer.mjs"), requestPath], new ExternalToolOptions
        {
            Timeout = timeout,
            WorkingDirectory = RepoPaths.Combine("tests", "node"),
            // the credentials go to the proxy only, never into the page or the request file
            Environment = { ["MOSMOS_ORTHANC_USER"] = orthanc.User, ["MOSMOS_ORTHANC_PASSWORD"] = orthanc.Password },
        });
        result.EnsureSuccess();
        await File.WriteAllTextAsync(Path.Combine(workFolder, "viewer-result.json"), result.StandardOutput);
        return JsonSerializer.Deserialize<ViewerRun>(result.StandardOutput, Json)
            ?? throw new InvalidOperationException("ohif-viewer.mjs printed no result");
    }
}
