using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mosmos.Deploy.Tests.Dockerfiles;

/// <summary>
/// What a MOSMOS Dockerfile must be, checked without a Docker engine: multi-stage (an SDK stage that restores and
/// publishes, a runtime stage), base images pinned to an exact version (or a digest), every <c>COPY</c> source
/// present in the build context and not excluded by <c>.dockerignore</c>, the published project present, a
/// non-root <c>USER</c> and a <c>HEALTHCHECK</c> in the final stage.
/// </summary>
internal static partial class DockerfileChecker
{
    /// <summary>The result: the problems, and the project that <c>dotnet publish</c> builds (relative to the context).</summary>
    public sealed record Result(IReadOnlyList<string> Problems, string? PublishedProject, string? PublishDirectory, IReadOnlySet<string> CopiedTo, IReadOnlySet<int> Exposed);

    public static Result Check(string dockerfileText, string contextDirectory, string? dockerignoreText)
    {
        ArgumentNullException.ThrowIfNull(dockerfileText);
        ArgumentNullException.ThrowIfNull(contextDirectory);
        var problems = new List<string>();
        var file = Dockerfile.Parse(dockerfileText);
        var ignore = IgnorePatterns(dockerignoreText);
        var stageNames = file.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (file.Stages.Count < 2)
            problems.Add("not multi-stage: an SDK stage builds, a runtime stage runs");
        foreach (var stage in file.Stages)
        {
            if (!stageNames.Contains(stage.BaseImage))
                problems.AddRange(PinProblems(stage.BaseImage));
        }

        string? project = null, publishDirectory = null;
        var copiedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in file.Stages)
        {
            var workdir = "/";
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Keyword == "WORKDIR")
                    workdir = instruction.Arguments;
                else if (instruction.Keyword is "COPY" or "ADD")
                    CheckCopy(instruction, stage, contextDirectory, ignore, problems, copiedTo, workdir);
                else if (instruction.Keyword == "RUN" && Publish().Match(instruction.Arguments) is { Success: true } publish)
                {
                    project = publish.Groups["project"].Value;
                    var output = Output().Match(instruction.Arguments);
                    publishDirectory = output.Success ? output.Groups[1].Value : null;
                    if (!File.Exists(Path.Combine(contextDirectory, project)))
                        problems.Add($"line {instruction.Line}: dotnet publish builds {project}, which is not in the build context");
                    if (!instruction.Arguments.Contains("-c Release", StringComparison.Ordinal))
                        problems.Add($"line {instruction.Line}: dotnet publish without -c Release");
                }
            }
        }
        if (project is null)
            problems.Add("no RUN dotnet publish PROJECT");
        else if (!file.Stages.SelectMany(s => s.All("RUN")).Any(r => r.Arguments.Contains("dotnet restore", StringComparison.Ordinal)))
            problems.Add("no RUN dotnet restore (restore from the central pins before the sources, for a cached layer)");

        var final = file.Stages.Count > 0 ? file.Stages[^1] : null;
        var user = final?.All("USER").LastOrDefault()?.Arguments;
        if (user is null)
            problems.Add("the final stage has no USER: it would run as root");
        else if (user is "root" or "0" || user.StartsWith("0:", StringComparison.Ordinal) || user.StartsWith("root:", StringComparison.Ordinal))
            problems.Add($"the final stage runs as {user}");
        if (final?.All("HEALTHCHECK").LastOrDefault() is not { } health || health.Arguments.StartsWith("NONE", StringComparison.OrdinalIgnoreCase))
            problems.Add("the final stage has no HEALTHCHECK");
        var exposed = final?.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.TryParse(p.Split('/')[0], out var n) ? n : -1).ToHashSet() ?? [];
        return new Result(problems, project, publishDirectory, copiedTo, exposed);
    }

    /// <summary>An image reference is pinned when it carries a digest, or a tag with a full x.y.z version.</summary>
    public static IEnumerable<string> PinProblems(string image)
    {
        if (image.Contains('$', StringComparison.Ordinal))
        {
            yield return $"base image {image} has an unresolved variable";
            yield break;
        }
        if (image.Contains("@sha256:", StringComparison.Ordinal))
            yield break;
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > slash ? image[(colon + 1)..] : null;
        if (tag is null)
            yield return $"image {image} has no tag (it would float with 'latest')";
        else if (!ExactVersion().IsMatch(tag))
            yield return $"image {image} is not pinned to an exact version (tag '{tag}')";
    }

    /// <summary>The assembly a project builds: its AssemblyName, else its file name.</summary>
    public static string AssemblyName(string projectFile)
    {
        var declared = XDocument.Load(projectFile).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault();
        return string.IsNullOrEmpty(declared) ? Path.GetFileNameWithoutExtension(projectFile) : declared;
    }

    private static void CheckCopy(Dockerfile.Instruction instruction, Dockerfile.Stage stage, string context, IReadOnlyList<Regex> ignore,
        List<string> problems, HashSet<string> copiedTo, string workdir)
    {
        var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool fromStage = words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal));
        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (paths.Length < 2)
        {
            problems.Add($"line {instruction.Line}: {instruction.Keyword} needs a source and a destination");
            return;
        }
        var destination = paths[^1];
        foreach (var source in paths[..^1])
        {
            var target = destination.EndsWith('/') ? destination + Path.GetFileName(source.TrimEnd('/')) : destination;
            copiedTo.Add(target.StartsWith('/') ? target : $"{workdir.TrimEnd('/')}/{target.TrimStart('.', '/')}");
            if (fromStage)
                continue;
            var relative = source.StartsWith("./", StringComparison.Ordinal) ? source[2..] : source.TrimStart('/');
            var full = Path.Combine(context, relative);
            if (relative.Length > 0 && !File.Exists(full) && !Directory.Exists(full))
                problems.Add($"line {instruction.Line} (stage {stage.Name ?? stage.BaseImage}): COPY source {source} does not exist in the build context");
            else if (ignore.FirstOrDefault(p => p.IsMatch(relative.TrimEnd('/'))) is { } pattern)
                problems.Add($"line {instruction.Line}: COPY source {source} is excluded by .dockerignore ({pattern})");
        }
    }

    /// <summary>.dockerignore lines as anchored regular expressions (<c>**</c> any folders, <c>*</c> within one); <c>!</c> lines are exceptions we do not need.</summary>
    private static List<Regex> IgnorePatterns(string? text) =>
        text is null ? [] :
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!'))
            .Select(l => new Regex("^" + Regex.Escape(l.TrimStart('/').TrimEnd('/')).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "(/.*)?$", RegexOptions.CultureInvariant))];

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+")]
    private static partial Regex ExactVersion();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"(?:^|\s)-o\s+(\S+)")]
    private static partial Regex Output();
}
