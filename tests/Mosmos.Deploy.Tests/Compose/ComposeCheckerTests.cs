using Mosmos.Deploy.Tests.Support;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>The checker fails on a broken copy of docker-compose.yml or .env.example, naming what is wrong.</summary>
public sealed class ComposeCheckerTests
{
    public static TheoryData<string, string, string, string> Breakages => new()
    {
        // what is changed in the compose file, into what, and what the problem must mention
        { "MOSMOS__Orthanc__PasswordFile:", "MOSMOS__Orthanc__PaswordFile:", "PaswordFile", "misspelled option" },
        { "MOSMOS__Bus__Transport: RabbitMq\n      MOSMOS__Bus__Host: rabbitmq\n      MOSMOS__Bus__Port: \"5672\"\n      MOSMOS__Bus__VirtualHost: ${RABBITMQ_VHOST:-mosmos}\n      MOSMOS__Bus__User: ${RABBITMQ_USER:?set RABBITMQ_USER in .env}\n      MOSMOS__Bus__PasswordFile: /run/secrets/rabbitmq-password\n      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n    secrets:\n      - rabbitmq-password",
          "MOSMOS__Bus__Transport: Kafka\n      MOSMOS__Bus__Host: rabbitmq\n      MOSMOS__Bus__Port: \"5672\"\n      MOSMOS__Bus__VirtualHost: ${RABBITMQ_VHOST:-mosmos}\n      MOSMOS__Bus__User: ${RABBITMQ_USER:?set RABBITMQ_USER in .env}\n      MOSMOS__Bus__PasswordFile: /run/secrets/rabbitmq-password\n      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n    secrets:\n      - rabbitmq-password",
          "'Kafka' is not a valid BusTransport", "unknown enum value" },
        { "MOSMOS__Jobs__ModelSlots: ${MOSMOS_WORKER_MODEL_SLOTS:-1}", "MOSMOS__Jobs__ModelSlots: many", "'many' is not a valid Int32", "value of the wrong type" },
        { "MOSMOS__Jobs__Sources__orthanc__Password: ${ORTHANC_PASSWORD:?set ORTHANC_PASSWORD in .env}", "MOSMOS__Jobs__Sources__orthanc__Password: hunter2", "literal credential", "literal password" },
        { "RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in .env}", "RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:-guest}", "never defaulted", "defaulted password" },
        { "dockerfile: adapter/Dockerfile", "dockerfile: adapter/Dockerfile.missing", "Dockerfile.missing does not exist", "missing Dockerfile" },
        { "context: .\n      dockerfile: trainer/Dockerfile", "context: ./no-such-folder\n      dockerfile: trainer/Dockerfile", "build context ./no-such-folder does not exist", "missing build context" },
        { "./deploy/ohif/app-config.js:", "./deploy/ohif/app-config.missing.js:", "app-config.missing.js does not exist", "missing bind-mount source" },
        { "      - models:/models:ro", "      - model-store:/models:ro", "named volume model-store is not declared", "undeclared named volume" },
        { "MOSMOS__Bus__PasswordFile: /run/secrets/rabbitmq-password\n      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n    secrets:\n      - orthanc-password",
          "MOSMOS__Bus__PasswordFile: /run/secrets/broker-password\n      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n    secrets:\n      - orthanc-password",
          "does not mount that secret", "password file not mounted" },
        { "ORTHANC__STABLE_AGE: ${ORTHANC_STABLE_AGE:-60}", "ORTHANC__STABLE_AGE: ${ORTHANC_STABLE_SECONDS:-60}", "ORTHANC_STABLE_SECONDS is used in docker-compose.yml but not documented", "undocumented variable" },
        { "    healthcheck:\n      test: [\"CMD\", \"rabbitmq-diagnostics\", \"-q\", \"check_port_connectivity\"]", "    labels:\n      test: none", "rabbitmq: no health check", "service without health check" },
        { "test: [\"CMD\", \"/app/healthcheck.sh\", \"http://127.0.0.1:8080/readyz\"]\n      interval: 15s\n      timeout: 5s\n      retries: 3\n      start_period: 20s",
          "test: [\"CMD\", \"/app/healthcheck.sh\", \"http://127.0.0.1:8080/ready\"]\n      interval: 15s\n      timeout: 5s\n      retries: 3\n      start_period: 20s",
          "probes /ready, not /healthz or /readyz", "health check on an unmapped path" },
        { "${MOSMOS_ADAPTER_PORT:-5080}:8080", "${MOSMOS_ADAPTER_PORT:-5080}:9090", "the service listens on 8080", "port the service does not listen on" },
        { "MOSMOS__Urls: http://+:8080", "MOSMOS__Urls: http://127.0.0.1:8080", "does not listen on every interface", "loopback-only endpoint" },
        { "    restart: unless-stopped\n    depends_on:\n      orthanc: { condition: service_healthy }\n      rabbitmq: { condition: service_healthy }\n    environment:\n      MOSMOS__Kestrel",
          "    container_name: worker\n    restart: unless-stopped\n    depends_on:\n      orthanc: { condition: service_healthy }\n      rabbitmq: { condition: service_healthy }\n    environment:\n      MOSMOS__Kestrel",
          "container_name prevents --scale", "worker that cannot scale" },
        { "image: ${RABBITMQ_IMAGE:-rabbitmq:3.13.7-alpine}", "image: ${RABBITMQ_IMAGE:-rabbitmq:latest}", "not pinned to an exact version", "floating image tag" },
        { "      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n    secrets:\n      - orthanc-password",
          "      OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}\n      ASPNETCORE_URLS: http://+:9000\n    secrets:\n      - orthanc-password",
          "ASPNETCORE_URLS is not read by the service", "variable outside our configuration binder" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_compose_file_fails_with_a_named_problem(string original, string broken, string expected, string what)
    {
        var compose = Repository.Compose;
        Assert.True(compose.Contains(original, StringComparison.Ordinal), $"the test's anchor for '{what}' is no longer in docker-compose.yml");
        var problems = ComposeChecker.Check(compose.Replace(original, broken, StringComparison.Ordinal), Repository.EnvExample, Repository.Root);
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"{what}: expected a problem containing '{expected}', got:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void A_sample_password_in_env_example_fails()
    {
        var env = Repository.EnvExample;
        Assert.Contains("\nRABBITMQ_PASSWORD=\n", env, StringComparison.Ordinal);
        var problems = ComposeChecker.Check(Repository.Compose, env.Replace("\nRABBITMQ_PASSWORD=\n", "\nRABBITMQ_PASSWORD=changeme\n", StringComparison.Ordinal), Repository.Root);
        Assert.Contains(problems, p => p.Contains(".env.example gives RABBITMQ_PASSWORD a value", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stale_variable_in_env_example_fails()
    {
        var problems = ComposeChecker.Check(Repository.Compose, Repository.EnvExample + "\n# MOSMOS_UNUSED_SETTING=1\n", Repository.Root);
        Assert.Contains(problems, p => p.Contains("MOSMOS_UNUSED_SETTING, which docker-compose.yml does not use", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_that_does_not_parse_is_reported()
    {
        var problems = ComposeChecker.Check("services:\n  a: [unclosed\n", Repository.EnvExample, Repository.Root);
        Assert.Contains(problems, p => p.StartsWith("docker-compose.yml does not parse", StringComparison.Ordinal));
    }
}
