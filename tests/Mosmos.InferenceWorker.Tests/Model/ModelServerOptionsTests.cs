using Microsoft.Extensions.Options;
using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model;

public sealed class ModelServerOptionsTests
{
    [Fact]
    public async Task Start_up_fails_listing_every_invalid_setting_at_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ModelServer:Device"] = "tpu",
            ["ModelServer:IntraOpThreads"] = "-1",
            ["ModelServer:MaxMessageBytes"] = "10",
            ["ModelServer:RemoteUrl"] = "ftp://models",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ModelServerHost.StartAsync(Path.Combine(Path.GetTempPath(), "mosmos-no-such-registry"), settings));

        var message = string.Join("\n", error.Failures);
        Assert.Contains("Device is 'tpu'", message, StringComparison.Ordinal);
        Assert.Contains("IntraOpThreads", message, StringComparison.Ordinal);
        Assert.Contains("MaxMessageBytes", message, StringComparison.Ordinal);
        Assert.Contains("is neither a directory nor a file", message, StringComparison.Ordinal);
        Assert.Contains("not an absolute http or https URL", message, StringComparison.Ordinal);
    }
}
