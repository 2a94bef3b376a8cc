using System.Net;
using System.Text.RegularExpressions;
using Mosmos.Deploy.Tests.Dockerfiles;
using Mosmos.ServiceDefaults;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>The rules for one service of docker-compose.yml (see <see cref="ComposeChecker"/>).</summary>
internal static partial class ServiceChecks
{
    private const string MosmosPrefix = "MOSMOS__";

    public static void Check(ComposeService service, ComposeFile compose, IReadOnlyDictionary<string, string> variables, string root, List<string> problems)
    {
        void Problem(string text) => problems.Add($"{service.Name}: {text}");
        string Resolve(string value)
        {
            var errors = new List<string>();
            var resolved = Interpolation.Resolve(value, variables, errors);
            foreach (var error in errors)
                Problem(error);
            return resolved;
        }

        DockerfileChecker.Result? image = null;
        string? projectFile = null;
        if (service.Build is { } build)
            (image, projectFile) = CheckBuild(build, root, Problem);
        else if (service.Image is null)
            Problem("neither build nor image");
        else
            foreach (var pin in DockerfileChecker.PinProblems(Resolve(service.Image)))
                Problem(pin);

        foreach (var envFile in service.EnvFiles.Where(f => !File.Exists(Path.Combine(root, f))))
            Problem($"env_file {envFile} does not exist");
        if (ComposeChecker.Scalable.Contains(service.Name))
        {
            if (service.ContainerName is not null)
                Problem("container_name prevents --scale");
            if (service.Ports.Count > 0)
                Problem("a published host port prevents --scale");
        }

        var mounts = CheckVolumes(service, compose, root, Resolve, Problem);
        foreach (var secret in service.Secrets.Where(s => !compose.Secrets.ContainsKey(s)))
            Problem($"secret {secret} is not declared under the top-level secrets");
        mounts.UnionWith(service.Secrets.Select(s => "/run/secrets/" + s));
        if (image is not null)
            mounts.UnionWith(image.CopiedTo);

        // A service configured through the environment (adapter, worker) is checked key by key; the trainer takes none.
        var keys = projectFile is null || service.Environment.Count == 0 ? null : KeysOf(projectFile, Problem);
        var environment = service.Environment.ToDictionary(e => e.Key, e => Resolve(e.Value), StringComparer.Ordinal);
        foreach (var (name, raw) in service.Environment)
            CheckVariable(name, raw, environment[name], keys, mounts, Problem);

        int? httpPort = keys is null ? null : HttpPort(environment, Problem);
        CheckPorts(service, image, httpPort, Resolve, Problem);
        CheckHealth(service, image, projectFile, httpPort, Problem);
    }

    private static (DockerfileChecker.Result?, string?) CheckBuild(ComposeBuild build, string root, Action<string> problem)
    {
        var context = Path.GetFullPath(Path.Combine(root, build.Context));
        var dockerfile = Path.Combine(context, build.Dockerfile);
        if (!Directory.Exists(context))
        {
            problem($"build context {build.Context} does not exist");
            return (null, null);
        }
        if (!File.Exists(dockerfile))
        {
            problem($"Dockerfile {build.Dockerfile} does not exist in {build.Context}");
            return (null, null);
        }
        var ignore = Path.Combine(context, ".dockerignore");
        var result = DockerfileChecker.Check(File.ReadAllText(dockerfile), context, File.Exists(ignore) ? File.ReadAllText(ignore) : null);
        foreach (var p in result.Problems)
            problem($"{build.Dockerfile}: {p}");
        var project = result.PublishedProject is null ? null : Path.Combine(context, result.PublishedProject);
        return (result, project is not null && File.Exists(project) ? project : null);
    }

    private static ConfigurationKeys? KeysOf(string projectFile, Action<string> problem)
    {
        var assemblyName = DockerfileChecker.AssemblyName(projectFile);
        var app = ComposeChecker.LoadApp(assemblyName);
        if (app is null)
        {
            problem($"{assemblyName} is not referenced by the deploy tests, so its configuration keys cannot be checked");
            return null;
        }
        var settings = Path.Combine(Path.GetDirectoryName(projectFile)!, "appsettings.json");
        return new ConfigurationKeys(app, File.Exists(settings) ? File.ReadAllText(settings) : "{}");
    }

    private static HashSet<string> CheckVolumes(ComposeService service, ComposeFile compose, string root, Func<string, string> resolve, Action<string> problem)
    {
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in service.Volumes)
        {
            var parts = resolve(volume).Split(':');
            if (parts.Length < 2)
            {
                problem($"volume '{volume}' is not SOURCE:TARGET[:MODE]");
                continue;
            }
            destinations.Add(parts[1]);
            var source = parts[0];
            if (source.StartsWith('/'))
                problem($"volume '{volume}' mounts an absolute host path; use a named volume or a path in the repository");
            else if (source.StartsWith('.'))
            {
                if (!File.Exists(Path.Combine(root, source)) && !Directory.Exists(Path.Combine(root, source)))
                    problem($"bind mount source {source} does not exist in the repository");
            }
            else if (!compose.Volumes.Contains(source))
                problem($"named volume {source} is not declared under the top-level volumes");
        }
        return destinations;
    }

    private static void CheckVariable(string name, string raw, string value, ConfigurationKeys? keys, HashSet<string> mounts, Action<string> problem)
    {
        if (ComposeChecker.IsCredentialName(name) && LetterOrDigit().IsMatch(Interpolation.Literal(raw)))
            problem($"{name} has a literal credential in the file: take it from .env (${{NAME:?…}}) or a secret");
        if (value.StartsWith("/run/secrets/", StringComparison.Ordinal) && !mounts.Contains(value))
            problem($"{name} names {value}, but the service does not mount that secret");
        else if (IsFileSetting(name) && value.StartsWith('/') && !mounts.Any(m => value == m || value.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal)))
            problem($"{name} names {value}, which no volume, secret or image copy provides");
        if (keys is null)
            return;
        if (name.StartsWith(MosmosPrefix, StringComparison.Ordinal))
        {
            if (keys.Check(name[MosmosPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), value) is { } error)
                problem($"{name}: {error}");
        }
        else if (name != Telemetry.OtlpEndpointKey)
        {
            problem($"{name} is not read by the service (only {MosmosPrefix}… and {Telemetry.OtlpEndpointKey})");
        }
    }

    private static bool IsFileSetting(string name) =>
        name.EndsWith("File", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Path", StringComparison.OrdinalIgnoreCase);

    /// <summary>The container port of the service's plain-HTTP endpoint (health and API), which must bind every interface.</summary>
    private static int? HttpPort(IReadOnlyDictionary<string, string> environment, Action<string> problem)
    {
        var url = environment.GetValueOrDefault(MosmosPrefix + "Urls") ?? environment.GetValueOrDefault(MosmosPrefix + "Kestrel__Endpoints__Http__Url");
        if (url is null)
        {
            problem($"no {MosmosPrefix}Urls or {MosmosPrefix}Kestrel__Endpoints__Http__Url: the service would listen on loopback only");
            return null;
        }
        var match = HttpUrl().Match(url);
        if (!match.Success)
        {
            problem($"HTTP endpoint '{url}' is not http://HOST:PORT");
            return null;
        }
        if (match.Groups["host"].Value is not ("+" or "*" or "0.0.0.0" or "[::]"))
            problem($"HTTP endpoint '{url}' does not listen on every interface of the container");
        return int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CheckPorts(ComposeService service, DockerfileChecker.Result? image, int? httpPort, Func<string, string> resolve, Action<string> problem)
    {
        foreach (var port in service.Ports)
        {
            var parts = resolve(port).Split(':');
            if (parts.Length is < 2 or > 3 || !int.TryParse(parts[^1], out var container) || !int.TryParse(parts[^2], out _))
            {
                problem($"port '{port}' is not [IP:]HOST:CONTAINER");
                continue;
            }
            if (parts.Length == 3 && !IPAddress.TryParse(parts[0], out _))
                problem($"port '{port}' binds '{parts[0]}', not an IP address");
            if (image is not null && !image.Exposed.Contains(container))
                problem($"port '{port}': the image does not EXPOSE {container}");
            if (httpPort is not null && container != httpPort)
                problem($"port '{port}': the service listens on {httpPort}");
        }
    }

    private static void CheckHealth(ComposeService service, DockerfileChecker.Result? image, string? projectFile, int? httpPort, Action<string> problem)
    {
        if (service.HealthcheckTest is not { Count: > 1 } test || service.HealthcheckDisabled || test[0] is not ("CMD" or "CMD-SHELL"))
        {
            problem("no health check (healthcheck.test [\"CMD\", ...])");
            return;
        }
        if (image is null)
            return;
        var command = test[0] == "CMD" ? test[1] : test[1].Split(' ')[0];
        if (command != "dotnet" && !image.CopiedTo.Contains(command))
            problem($"health check runs {command}, which the image does not contain");
        foreach (var argument in test.Skip(2))
        {
            if (HttpUrl().Match(argument) is { Success: true } url)
            {
                if (url.Groups["path"].Value is not (HealthEndpoints.LivePath or HealthEndpoints.ReadyPath))
                    problem($"health check probes {url.Groups["path"].Value}, not {HealthEndpoints.LivePath} or {HealthEndpoints.ReadyPath}");
                if (httpPort is not null && int.Parse(url.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) != httpPort)
                    problem($"health check probes port {url.Groups["port"].Value}, the service listens on {httpPort}");
            }
            else if (argument.EndsWith(".dll", StringComparison.Ordinal) && projectFile is not null)
            {
                var expected = $"{image.PublishDirectory}/{DockerfileChecker.AssemblyName(projectFile)}.dll";
                if (argument != expected)
                    problem($"health check runs {argument}; the image publishes {expected}");
            }
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9]")]
    private static partial Regex LetterOrDigit();

    [GeneratedRegex(@"^http://(?<host>\[[^\]]+\]|[^:/]+):(?<port>\d+)(?<path>/[^\s]*)?$")]
    private static partial Regex HttpUrl();
}
