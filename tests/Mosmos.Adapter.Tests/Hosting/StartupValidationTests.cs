using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Mosmos.ServiceDefaults.Messaging;

namespace Mosmos.Adapter.Tests.Hosting;

/// <summary>
/// A misconfigured adapter refuses to start. Each options section reports all of its problems at once; the host
/// stops at the first section that fails (Microsoft.Extensions.Options' start-up validation).
/// </summary>
[Collection(AdapterStackGroup.Name)]
public sealed class StartupValidationTests
{
    private static async Task<OptionsValidationException> StartWith(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.AddAdapter();
        builder.AddMosmosBus(bus => bus.AddAdapterConsumers());
        await using var app = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public async Task Every_rule_error_is_reported_at_once()
    {
        var e = await StartWith(new()
        {
            ["Orthanc:Url"] = "http://127.0.0.1:1/",
            ["Orthanc:User"] = "u",
            ["Orthanc:Password"] = "p",
            ["Api:Keys:0"] = "k",
            ["Selection:Rules:0:Name"] = "r",
            ["Selection:Rules:0:BodyPartPattern"] = "(",
            ["Selection:Rules:0:MinSlices"] = "0",
        });
        var all = string.Join("\n", e.Failures);
        Assert.Contains("Model is required", all, StringComparison.Ordinal);
        Assert.Contains("Modalities is empty", all, StringComparison.Ordinal);
        Assert.Contains("BodyPartPattern is not a valid regular expression", all, StringComparison.Ordinal);
        Assert.Contains("MinSlices must be at least 1", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_limits_out_of_range_are_refused()
    {
        var e = await StartWith(new()
        {
            ["Orthanc:Url"] = "http://127.0.0.1:1/",
            ["Orthanc:User"] = "u",
            ["Orthanc:Password"] = "p",
            ["Orthanc:MaxResponseBytes"] = "100",
            ["Orthanc:MaxExaminationAttempts"] = "0",
            ["Api:Keys:0"] = "k",
            ["Selection:Rules:0:Name"] = "r",
            ["Selection:Rules:0:Model"] = "m",
            ["Selection:Rules:0:Modalities:0"] = "CT",
        });
        var all = string.Join("\n", e.Failures);
        Assert.Contains("MaxResponseBytes", all, StringComparison.Ordinal);
        Assert.Contains("MaxExaminationAttempts", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_job_api_is_refused()
    {
        var e = await StartWith(new()
        {
            ["Orthanc:Url"] = "http://127.0.0.1:1/",
            ["Orthanc:User"] = "u",
            ["Orthanc:Password"] = "p",
            ["Selection:Rules:0:Name"] = "r",
            ["Selection:Rules:0:Model"] = "m",
            ["Selection:Rules:0:Modalities:0"] = "CT",
        });
        Assert.Contains("API key", string.Join("\n", e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RabbitMq_without_credentials_is_refused()
    {
        var e = await StartWith(new()
        {
            ["Orthanc:Url"] = "http://127.0.0.1:1/",
            ["Orthanc:User"] = "u",
            ["Orthanc:Password"] = "p",
            ["Api:Keys:0"] = "k",
            ["Selection:Rules:0:Name"] = "r",
            ["Selection:Rules:0:Model"] = "m",
            ["Selection:Rules:0:Modalities:0"] = "CT",
            ["Bus:Transport"] = "RabbitMq",
        });
        var all = string.Join("\n", e.Failures);
        Assert.Contains("Bus:User is required", all, StringComparison.Ordinal);
        Assert.Contains("Bus:Password or Bus:PasswordFile is required", all, StringComparison.Ordinal);
    }
}
