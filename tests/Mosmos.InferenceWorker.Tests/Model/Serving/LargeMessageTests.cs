using Mosmos.InferenceWorker.Tests.Support;

namespace Mosmos.InferenceWorker.Tests.Model.Serving;

public sealed class LargeMessageTests
{
    [Fact]
    public async Task A_request_over_kestrels_default_body_limit_passes_within_the_configured_message_size()
    {
        using var dir = new TempDirectory();
        TinyOnnx.Write(dir.Path, "tiny.onnx", TinyOnnx.Build("1", TinyOnnx.Version1));
        await using var host = await ModelServerHost.StartAsync(dir.Path);
        // 32 × 512 × 512 floats = 33.5 MB in (Kestrel's default cap is 30 MB), 100 MB of probabilities out.
        var input = new float[32 * 512 * 512];

        var response = await host.Client.InferAsync(Requests.Fp32(input, [1, 1, 32, 512, 512]), CancellationToken.None);

        Assert.Equal(3L * input.Length * sizeof(float), response.RawOutputContents[0].Length);
    }
}
