namespace Mosmos.Testing;

/// <summary>Reads the <c>KEY=VALUE</c> files the scripts write (connection.env, catalog.env).</summary>
internal static class EnvFile
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (trimmed.Length == 0 || trimmed[0] == '#' || eq <= 0)
            {
                continue;
            }

            values[trimmed[..eq]] = trimmed[(eq + 1)..];
        }

        return values;
    }
}
