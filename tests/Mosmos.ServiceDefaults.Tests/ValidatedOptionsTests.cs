using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mosmos.ServiceDefaults.Tests;

public sealed class ValidatedOptionsTests
{
    public sealed class SampleOptions
    {
        [Required(AllowEmptyStrings = false)]
        public string Url { get; set; } = "";

        [Range(1, 10)]
        public int Workers { get; set; } = 1;

        public int Minimum { get; set; }
        public int Maximum { get; set; }
    }

    public sealed class MinimumBelowMaximum : IValidateOptions<SampleOptions>
    {
        public ValidateOptionsResult Validate(string? name, SampleOptions options) =>
            options.Minimum <= options.Maximum ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Sample:Minimum is above Sample:Maximum");
    }

    [Fact]
    public async Task Start_up_reports_every_failure_of_the_section_at_once()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sample:Workers"] = "99",
            ["Sample:Minimum"] = "5",
            ["Sample:Maximum"] = "1",
        });
        builder.Services.AddValidatedOptions<SampleOptions, MinimumBelowMaximum>(builder.Configuration, "Sample");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("Url", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Workers", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Minimum is above", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_bind_from_the_named_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sample:Url"] = "http://localhost",
            ["Sample:Workers"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions>(configuration, "Sample");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SampleOptions>>().Value;

        Assert.Equal(("http://localhost", 3), (options.Url, options.Workers));
    }
}
