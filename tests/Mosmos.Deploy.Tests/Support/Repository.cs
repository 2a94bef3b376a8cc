using Mosmos.Testing;

namespace Mosmos.Deploy.Tests.Support;

/// <summary>The deployment files of this checkout.</summary>
internal static class Repository
{
    public static string Root => RepoPaths.Root;

    public static string Read(string relativePath) => File.ReadAllText(RepoPaths.Combine(relativePath.Split('/')));

    public static string Compose => Read("docker-compose.yml");

    public static string EnvExample => Read(".env.example");
}
