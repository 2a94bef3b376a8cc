using System.Globalization;

namespace Mosmos.InferenceWorker.Model.Registry;

/// <summary>
/// Where a model's expected SHA-256 comes from: a <c>&lt;file&gt;.sha256</c> beside it, else the registry
/// index <c>SHA256SUMS</c> in its directory. Both use the <c>sha256sum</c> line format
/// (<c>HEX␠␠NAME</c> or <c>HEX␠*NAME</c>); a sidecar may hold the bare hex digest.
/// </summary>
internal static class Sha256Digests
{
    public const string SidecarExtension = ".sha256";
    public const string IndexFileName = "SHA256SUMS";

    /// <summary>Lower-case hex digest expected for <paramref name="modelPath"/>, or null when none is recorded.</summary>
    public static string? FindExpected(string modelPath)
    {
        var sidecar = modelPath + SidecarExtension;
        if (File.Exists(sidecar))
        {
            foreach (var line in File.ReadLines(sidecar))
            {
                if (TryParseLine(line, out var hex, out _))
                    return hex;
            }
            return "";
        }
        var index = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, IndexFileName);
        if (!File.Exists(index))
            return null;
        var fileName = Path.GetFileName(modelPath);
        foreach (var line in File.ReadLines(index))
        {
            if (TryParseLine(line, out var hex, out var name) && string.Equals(name, fileName, StringComparison.Ordinal))
                return hex;
        }
        return null;
    }

    public static bool IsDigest(string? hex) =>
        hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit);

    private static bool TryParseLine(string line, out string hex, out string name)
    {
        var text = line.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        hex = (space < 0 ? text : text[..space]).ToLower(CultureInfo.InvariantCulture);
        name = space < 0 ? "" : text[(space + 1)..].TrimStart(' ', '*');
        return IsDigest(hex);
    }
}
