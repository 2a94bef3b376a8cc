namespace Mosmos.Testing;

/// <summary>Folders of the MOSMOS checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>
    /// The repository root: <c>MOSMOS_ROOT</c> when set, else the nearest ancestor of the test
    /// assembly's folder (or of the current directory) holding both <c>mosmos</c> and <c>MOSMOS.sln</c>.
    /// </summary>
    public static string Root => s_root.Value;

    /// <summary>The front door script, <c>&lt;root&gt;/mosmos</c>.</summary>
    public static string MosmosScript => Path.Combine(Root, "mosmos");

    /// <summary><c>&lt;root&gt;/.cache</c>: services state, test data, scratch files (git-ignored).</summary>
    public static string Cache => Path.Combine(Root, ".cache");

    /// <summary>A path under the root from forward-slash separated parts, e.g. <c>Combine("orthanc-config", "orthanc.json")</c>.</summary>
    public static string Combine(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Path.Combine([Root, .. parts]);
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MOSMOS_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return IsRoot(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new InvalidOperationException($"MOSMOS_ROOT={fromEnvironment} is not a MOSMOS checkout (no mosmos and MOSMOS.sln there).");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRoot(dir.FullName))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No MOSMOS checkout above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}: set MOSMOS_ROOT.");
    }

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "mosmos")) && File.Exists(Path.Combine(dir, "MOSMOS.sln"));
}
