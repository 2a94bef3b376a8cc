using System.Diagnostics;
using System.Text.Json;

namespace Mosmos.Benchmarks.Dicom;

/// <summary>
/// pydicom (Debian python3-pydicom, through /usr/bin/python3) and dcmjs (npm, pinned in tests/node) over the same
/// file list, each in one process that times its own passes, so interpreter start-up is not counted.
/// </summary>
internal sealed class Peers(BenchOptions options, string listFile)
{
    private string PeerScript(string name) => Path.Combine(options.Root, "tests", "Mosmos.Benchmarks", "Dicom", "peers", name);

    private string NodeModules => Environment.GetEnvironmentVariable("MOSMOS_NODE_MODULES") is { Length: > 0 } dir
        ? dir
        : Path.Combine(options.Root, "tests", "node", "node_modules");

    public PeerResult Pydicom(string mode) =>
        Run("/usr/bin/python3", [PeerScript("pydicom_read.py"), mode, listFile, Runs]);

    public PeerResult Dcmjs(string mode) =>
        Run("node", [PeerScript("dcmjs_read.js"), mode, listFile, Runs, NodeModules]);

    private string Runs => options.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The last non-empty line of an error output: one line fits a table cell.</summary>
    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static PeerResult Run(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return PeerResult.Failed($"{Path.GetFileName(program)} exited with {process.ExitCode}: {LastLine(stderr.Result)}");
            using var json = JsonDocument.Parse(stdout);
            var seconds = json.RootElement.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return new PeerResult(json.RootElement.GetProperty("version").GetString(), seconds, null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return PeerResult.Failed($"{program} not found: {e.Message}");
        }
    }
}

/// <summary>A peer's version and seconds per pass, or why it did not run.</summary>
internal sealed record PeerResult(string? Version, double[]? Seconds, string? Error)
{
    public static PeerResult Failed(string error) => new(null, null, error);
}
