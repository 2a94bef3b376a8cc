using System.Reflection;
using System.Text.RegularExpressions;
using Mosmos.Deploy.Tests.Dockerfiles;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>
/// Everything docker-compose.yml refers to, checked against the repository: build contexts and Dockerfiles
/// (<see cref="DockerfileChecker"/>), bind-mounted files, named volumes and secrets, env files, ports, health
/// checks, every variable (documented in .env.example), every <c>MOSMOS__</c> variable (a real key of the
/// service's options or appsettings.json, with a value that binds), and credentials (never literal, never
/// defaulted). Returns the problems; none means the file is consistent with the code.
/// </summary>
internal static partial class ComposeChecker
{
    /// <summary>Services that must scale with <c>docker compose up --scale NAME=N</c>.</summary>
    public static readonly IReadOnlySet<string> Scalable = new HashSet<string>(StringComparer.Ordinal) { "inference-worker" };

    public static IReadOnlyList<string> Check(string composeYaml, string envExampleText, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(composeYaml);
        ArgumentNullException.ThrowIfNull(envExampleText);
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        var problems = new List<string>();
        ComposeFile compose;
        try
        {
            compose = ComposeFile.Parse(composeYaml);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException)
        {
            return [$"docker-compose.yml does not parse: {e.Message}"];
        }
        var env = EnvExample.Parse(envExampleText);
        var variables = ExampleVariables(composeYaml, env);
        CheckVariables(composeYaml, compose, env, problems);
        CheckEnvExampleCredentials(env, problems);
        foreach (var (name, secret) in compose.Secrets)
        {
            if (secret.File is not null && !File.Exists(Path.Combine(repositoryRoot, secret.File)))
                problems.Add($"secret {name}: file {secret.File} does not exist");
            if (secret.Environment is not null && !env.Documented.Contains(secret.Environment))
                problems.Add($"secret {name}: variable {secret.Environment} is not in .env.example");
            if (secret.File is null && secret.Environment is null)
                problems.Add($"secret {name}: neither file nor environment");
        }
        if (compose.Services.Count == 0)
            problems.Add("no services");
        foreach (var service in compose.Services)
            ServiceChecks.Check(service, compose, variables, repositoryRoot, problems);
        return problems;
    }

    /// <summary>What compose would see with .env copied from .env.example: empty required credentials get a placeholder.</summary>
    private static Dictionary<string, string> ExampleVariables(string yaml, EnvExample env)
    {
        var variables = new Dictionary<string, string>(env.Set, StringComparer.Ordinal);
        foreach (var reference in ComposeFile.Scalars(yaml).SelectMany(Interpolation.References).Where(r => r.IsRequired))
        {
            if (!variables.TryGetValue(reference.Name, out var value) || value.Length == 0)
                variables[reference.Name] = "example-" + reference.Name.ToLowerInvariant();
        }
        return variables;
    }

    private static void CheckVariables(string yaml, ComposeFile compose, EnvExample env, List<string> problems)
    {
        var referenced = ComposeFile.Scalars(yaml).SelectMany(Interpolation.References).ToList();
        foreach (var name in referenced.Select(r => r.Name).Distinct(StringComparer.Ordinal))
        {
            if (!env.Documented.Contains(name))
                problems.Add($"variable {name} is used in docker-compose.yml but not documented in .env.example");
        }
        var used = referenced.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        used.UnionWith(compose.Secrets.Values.Select(s => s.Environment).OfType<string>());
        foreach (var name in env.Documented.Where(n => !used.Contains(n)))
            problems.Add($".env.example documents {name}, which docker-compose.yml does not use");
        foreach (var reference in referenced.Where(r => IsCredentialName(r.Name)))
        {
            if (!reference.IsRequired)
                problems.Add($"credential {reference.Name} is used as {reference.Text}: a credential must be required (${{{reference.Name}:?…}}), never defaulted");
        }
    }

    private static void CheckEnvExampleCredentials(EnvExample env, List<string> problems)
    {
        foreach (var (name, value) in env.Set.Where(v => IsCredentialName(v.Key) && v.Value.Length > 0))
            problems.Add($".env.example gives {name} a value ('{value}'): credentials are left empty there");
    }

    /// <summary>A name that carries a credential itself (not the path of a file holding one).</summary>
    public static bool IsCredentialName(string name) =>
        CredentialName().IsMatch(name) && !FileName().IsMatch(name);

    [GeneratedRegex(@"(PASS|PASSWORD|SECRET|TOKEN|API_?KEY|CREDENTIAL|REGISTERED_USERS|_KEY$|__KEYS?(__|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"(FILE|_PATH|PATH)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    /// <summary>The app assembly a service's image publishes, loaded from this test's references.</summary>
    internal static Assembly? LoadApp(string assemblyName)
    {
        try
        {
            return Assembly.Load(assemblyName);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
