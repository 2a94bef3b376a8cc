using System.Diagnostics;
using Mosmos.Phantom.Acquisition;

namespace Mosmos.Phantom.Tests;

/// <summary>The grids and seeds the tests use (one catalogue), and a runner for the dicom3tools validators.</summary>
internal static class TestStudies
{
    /// <summary>Coarse enough for hundreds of seeds, fine enough for every organ but the adrenals to show.</summary>
    public static readonly PhantomSize Tiny = new(48, 24);

    public static readonly PhantomSize Coarse = new(64, 32);

    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "mosmos-phantom-tests", $"{name}-{Environment.ProcessId}");
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs a dicom3tools validator; returns its combined output (they report on stderr).</summary>
    public static string Validate(string tool, params string[] files)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var f in files) start.ArgumentList.Add(f);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (install dicom3tools)");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }
}
