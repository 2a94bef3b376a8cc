using Mosmos.Deploy.Tests.Support;

namespace Mosmos.Deploy.Tests.Dockerfiles;

/// <summary>The three images: multi-stage, pinned, non-root, with a health check, building projects that exist.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "adapter/Dockerfile", "adapter/Mosmos.Adapter.csproj" },
        { "inference-worker/Dockerfile", "inference-worker/Mosmos.InferenceWorker/Mosmos.InferenceWorker.csproj" },
        { "trainer/Dockerfile", "trainer/Mosmos.Trainer.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void The_image_builds_its_project_from_sources_that_exist(string dockerfile, string project)
    {
        var result = DockerfileChecker.Check(Repository.Read(dockerfile), Repository.Root, Repository.Read(".dockerignore"));
        Assert.True(result.Problems.Count == 0, $"{dockerfile}:\n  " + string.Join("\n  ", result.Problems));
        Assert.Equal(project, result.PublishedProject);
        Assert.Equal("/app", result.PublishDirectory);
    }

    [Fact]
    public void The_worker_image_is_cuda_13_with_cudnn_9_and_the_gpu_onnx_runtime()
    {
        var file = Dockerfile.Parse(Repository.Read("inference-worker/Dockerfile"));
        Assert.Matches(@"^nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-", file.Stages[^1].BaseImage);
        Assert.Equal("gpu", file.GlobalArgs["ONNX_RUNTIME"]);
        var project = Repository.Read("inference-worker/Mosmos.InferenceWorker/Mosmos.InferenceWorker.csproj");
        Assert.Contains("Condition=\"'$(OnnxRuntimeFlavor)' == 'gpu'\"", project, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", project, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trainer_image_weakens_the_glibcxx_need_when_it_publishes()
    {
        var dockerfile = Repository.Read("trainer/Dockerfile");
        Assert.Contains("install -y --no-install-recommends python3", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY trainer/build/ trainer/build/", dockerfile, StringComparison.Ordinal);
        Assert.Contains("<Import Project=\"build/LibTorchSharp.targets\" />", Repository.Read("trainer/Mosmos.Trainer.csproj"), StringComparison.Ordinal);
        var targets = Repository.Read("trainer/build/LibTorchSharp.targets");
        Assert.Contains("AfterTargets=\"Build;Publish\"", targets, StringComparison.Ordinal);
        Assert.Contains("$(PublishDir)libLibTorchSharp.so", targets, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_credentials_state_and_build_output()
    {
        var ignore = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { ".env", "secrets", ".cache", "**/bin", "**/obj", ".git" }, ignore);
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "COPY adapter/Mosmos.Adapter.csproj adapter/", "COPY adapter/Mosmos.Adapterr.csproj adapter/", "COPY source adapter/Mosmos.Adapterr.csproj does not exist" },
        { "RUN dotnet publish adapter/Mosmos.Adapter.csproj", "RUN dotnet publish adapter/Mosmos.Adaptor.csproj", "dotnet publish builds adapter/Mosmos.Adaptor.csproj, which is not in the build context" },
        { "USER $APP_UID", "USER root", "the final stage runs as root" },
        { "ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble", "ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", "is not pinned to an exact version" },
        { "HEALTHCHECK --interval=15s", "LABEL health=--interval=15s", "the final stage has no HEALTHCHECK" },
        { "COPY contracts/ contracts/", "COPY tests/ tests/", "COPY source tests/ is excluded by .dockerignore" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_dockerfile_fails_with_a_named_problem(string original, string broken, string expected)
    {
        var text = Repository.Read("adapter/Dockerfile");
        Assert.True(text.Contains(original, StringComparison.Ordinal), $"the test's anchor '{original}' is no longer in adapter/Dockerfile");
        var result = DockerfileChecker.Check(text.Replace(original, broken, StringComparison.Ordinal), Repository.Root, Repository.Read(".dockerignore"));
        Assert.True(result.Problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"expected a problem containing '{expected}', got:\n  " + string.Join("\n  ", result.Problems));
    }
}
