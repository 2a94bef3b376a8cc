using YamlDotNet.RepresentationModel;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>The part of the compose specification our docker-compose.yml uses, read with YamlDotNet.</summary>
internal sealed record ComposeFile(
    IReadOnlyList<ComposeService> Services,
    IReadOnlySet<string> Volumes,
    IReadOnlyDictionary<string, ComposeSecret> Secrets)
{
    public static ComposeFile Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException("a compose file is one YAML mapping");
        var services = Map(root, "services")?.Children
            .Select(c => ComposeService.Parse(Scalar(c.Key)!, c.Value as YamlMappingNode
                ?? throw new InvalidDataException($"service {Scalar(c.Key)} is not a mapping")))
            .ToList() ?? [];
        var volumes = Map(root, "volumes")?.Children.Keys.Select(k => Scalar(k)!).ToHashSet(StringComparer.Ordinal) ?? [];
        var secrets = Map(root, "secrets")?.Children.ToDictionary(
            c => Scalar(c.Key)!,
            c => new ComposeSecret(Scalar(Child(c.Value, "file")), Scalar(Child(c.Value, "environment"))),
            StringComparer.Ordinal) ?? [];
        return new ComposeFile(services, volumes, secrets);
    }

    /// <summary>Every scalar of the document (keys and values, never comments): what compose interpolates.</summary>
    public static IReadOnlyList<string> Scalars(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        return [.. stream.Documents.SelectMany(d => d.AllNodes).OfType<YamlScalarNode>().Select(n => n.Value).OfType<string>()];
    }

    internal static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static YamlMappingNode? Map(YamlNode? node, string key) => Child(node, key) as YamlMappingNode;

    internal static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A scalar or a sequence of scalars as a list (compose accepts both for many keys).</summary>
    internal static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        YamlScalarNode s => s.Value is null ? [] : [s.Value],
        YamlSequenceNode seq => [.. seq.Children.Select(c => Scalar(c) ?? throw new InvalidDataException($"expected a scalar at {c.Start}"))],
        null => [],
        _ => throw new InvalidDataException($"expected a scalar or a list at {node.Start}"),
    };
}

/// <summary>A top-level secret: from a file, or from a variable of the project's environment (.env).</summary>
internal sealed record ComposeSecret(string? File, string? Environment);

internal sealed record ComposeBuild(string Context, string Dockerfile);

internal sealed record ComposeService(
    string Name,
    string? Image,
    ComposeBuild? Build,
    string? ContainerName,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<string> EnvFiles,
    IReadOnlyList<string> Volumes,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<string>? HealthcheckTest,
    bool HealthcheckDisabled,
    bool ReservesGpu)
{
    public static ComposeService Parse(string name, YamlMappingNode node)
    {
        ComposeBuild? build = null;
        var buildNode = ComposeFile.Child(node, "build");
        if (buildNode is YamlScalarNode context)
            build = new ComposeBuild(context.Value!, "Dockerfile");
        else if (buildNode is YamlMappingNode b)
            build = new ComposeBuild(ComposeFile.Scalar(ComposeFile.Child(b, "context")) ?? ".", ComposeFile.Scalar(ComposeFile.Child(b, "dockerfile")) ?? "Dockerfile");

        var health = ComposeFile.Map(node, "healthcheck");
        var devices = ComposeFile.Child(ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(node, "deploy"), "resources"), "reservations"), "devices") as YamlSequenceNode;
        bool gpu = devices?.Children.Any(d => ComposeFile.Strings(ComposeFile.Child(d, "capabilities")).Contains("gpu")) == true;
        return new ComposeService(
            name,
            ComposeFile.Scalar(ComposeFile.Child(node, "image")),
            build,
            ComposeFile.Scalar(ComposeFile.Child(node, "container_name")),
            EnvironmentOf(ComposeFile.Child(node, "environment")),
            ComposeFile.Strings(ComposeFile.Child(node, "env_file")),
            ComposeFile.Strings(ComposeFile.Child(node, "volumes")),
            ComposeFile.Strings(ComposeFile.Child(node, "ports")),
            ComposeFile.Strings(ComposeFile.Child(node, "secrets")),
            ComposeFile.Strings(ComposeFile.Child(node, "profiles")),
            health is null ? null : ComposeFile.Strings(ComposeFile.Child(health, "test")),
            ComposeFile.Scalar(ComposeFile.Child(health, "disable")) == "true",
            gpu);
    }

    /// <summary><c>environment</c> as a mapping or as a list of <c>NAME=value</c>.</summary>
    private static List<KeyValuePair<string, string>> EnvironmentOf(YamlNode? node) => node switch
    {
        YamlMappingNode map => [.. map.Children.Select(c => KeyValuePair.Create(ComposeFile.Scalar(c.Key)!, ComposeFile.Scalar(c.Value) ?? string.Empty))],
        YamlSequenceNode => [.. ComposeFile.Strings(node).Select(e => e.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : string.Empty))],
        null => [],
        _ => throw new InvalidDataException($"environment must be a mapping or a list at {node.Start}"),
    };
}
