using Mosmos.Deploy.Tests.Support;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>docker-compose.yml as it is in the repository: consistent with the code, and the topology DESIGN §3 asks for.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public void Everything_the_compose_file_refers_to_exists_and_binds()
    {
        var problems = ComposeChecker.Check(Repository.Compose, Repository.EnvExample, Repository.Root);
        Assert.True(problems.Count == 0, "docker-compose.yml:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_topology_has_every_service_with_a_health_check()
    {
        var compose = ComposeFile.Parse(Repository.Compose);
        Assert.Equal(
            ["adapter", "inference-worker", "ohif", "orthanc", "rabbitmq", "trainer"],
            compose.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(compose.Services, s => Assert.True(s.HealthcheckTest is { Count: > 1 } && !s.HealthcheckDisabled, $"{s.Name} has no health check"));
    }

    [Fact]
    public void Workers_scale_and_reserve_a_gpu_and_the_trainer_runs_on_demand()
    {
        var compose = ComposeFile.Parse(Repository.Compose);
        var worker = compose.Services.Single(s => s.Name == "inference-worker");
        Assert.True(worker.ReservesGpu);
        Assert.Null(worker.ContainerName);
        Assert.Empty(worker.Ports);
        Assert.Equal(["training"], compose.Services.Single(s => s.Name == "trainer").Profiles);
        Assert.All(compose.Services.Where(s => s.Name != "trainer"), s => Assert.Empty(s.Profiles));
    }

    [Fact]
    public void Orthanc_runs_the_project_configuration_with_authentication_on_a_volume()
    {
        var orthanc = ComposeFile.Parse(Repository.Compose).Services.Single(s => s.Name == "orthanc");
        Assert.Contains("./orthanc-config/orthanc.json:/etc/orthanc/orthanc.json:ro", orthanc.Volumes);
        Assert.Contains(orthanc.Volumes, v => v.StartsWith("orthanc-storage:", StringComparison.Ordinal));
        Assert.Contains("\"AuthenticationEnabled\" : true", Repository.Read("orthanc-config/orthanc.json"), StringComparison.Ordinal);
        var env = orthanc.Environment.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal("true", env["DICOM_WEB_PLUGIN_ENABLED"]);
        Assert.Equal("true", env["GDCM_PLUGIN_ENABLED"]);
        Assert.Contains("${ORTHANC_PASSWORD:?", env["ORTHANC__REGISTERED_USERS"], StringComparison.Ordinal);
    }

    [Fact]
    public void Ohif_reads_dicomweb_through_its_own_origin()
    {
        var config = Repository.Read("deploy/ohif/app-config.js");
        Assert.Contains("wadoRoot: '/dicom-web'", config, StringComparison.Ordinal);
        Assert.Contains("qidoRoot: '/dicom-web'", config, StringComparison.Ordinal);
        var nginx = Repository.Read("deploy/ohif/default.conf.template");
        Assert.Contains("proxy_pass http://orthanc:8042/dicom-web/;", nginx, StringComparison.Ordinal);
        Assert.Contains("listen ${PORT}", nginx, StringComparison.Ordinal);
    }
}
